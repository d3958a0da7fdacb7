export interface Config {
  dataPlatform?: {
    permission?: {
      /**
       * The entity refs of the groups whose members hold the data platform's
       * administration (`data-platform.admin`: replay) and its raw event log
       * (`data-platform.events.read`: `GET /v1/events`,
       * `GET /v1/dead-letters`), e.g. `group:default/data-platform-admins`.
       * A user is a member when a ref is among the ownership refs of their
       * sign-in (their user ref, their groups). Kind and namespace default
       * to `group` and `default`. Unset: no user is an administrator.
       */
      adminGroups?: string[];
    };
  };
}
