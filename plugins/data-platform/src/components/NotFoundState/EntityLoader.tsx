import { Content, Progress } from '@backstage/core-components';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { RetryableError } from '../RetryableError';
import { isNotFound, NotFoundState } from './NotFoundState';

/**
 * Loads one endpoint, workflow or run for its page and renders it, or the
 * page's loading, not-found (with a way back) and error (with a retry)
 * states.
 */
export function EntityLoader<T>(props: {
  load: () => Promise<T>;
  /** What identifies the entity; a change loads again. */
  id: string;
  /** Singular, lower case: "endpoint". */
  noun: string;
  back: { label: string; href: string };
  children: (entity: T) => JSX.Element;
}) {
  const { load, id, noun, back, children } = props;
  // The loader closes over the id, which is what changes between pages.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const { value, loading, error, retry } = useAsyncRetry(load, [id]);

  let body: JSX.Element;
  if (loading && !value) {
    body = <Progress />;
  } else if (isNotFound(error)) {
    body = (
      <NotFoundState
        title={`No such ${noun}`}
        description={`The metadata service knows no ${noun} with the id "${id}".`}
        back={back}
      />
    );
  } else if (error || !value) {
    body = (
      <RetryableError
        error={error ?? new Error(`No ${noun} in the answer`)}
        onRetry={retry}
      />
    );
  } else {
    body = children(value);
  }
  return <Content>{body}</Content>;
}
