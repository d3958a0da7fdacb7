import { EmptyState, Progress } from '@backstage/core-components';
import {
  ANNOTATION_OPENLINEAGE_NAME,
  ANNOTATION_OPENLINEAGE_NAMESPACE,
} from '@data-platform/plugin-data-platform-common';
import Typography from '@mui/material/Typography';
import { RetryableError } from '../RetryableError';
import { describeReference } from './entityAnnotations';
import { useEntityAsset } from './useEntityAsset';

type Kind = 'endpoint' | 'workflow';
type Loaded<K extends Kind> = ReturnType<typeof useEntityAsset<K>>;
type Asset<K extends Kind> = Extract<
  NonNullable<Loaded<K>['value']>,
  { state: 'found' }
>['asset'];

/**
 * The loading, empty and error states shared by the entity content and
 * cards; `compact` for a card, where a full-page empty state is too big.
 */
export function EntityAssetState<K extends Kind>(props: {
  kind: K;
  loaded: Loaded<K>;
  compact?: boolean;
  children: (asset: Asset<K>) => JSX.Element;
}) {
  const { kind, loaded, compact, children } = props;
  const { value, loading, error, retry } = loaded;
  if (loading && !value) return <Progress />;
  if (error || !value) {
    return (
      <RetryableError
        error={error ?? new Error(`No ${kind} in the answer`)}
        onRetry={retry}
      />
    );
  }
  if (value.state === 'found') return children(value.asset as Asset<K>);

  const [title, description] =
    value.state === 'unannotated'
      ? [
          `Not linked to a data platform ${kind}`,
          `Add the annotations ${ANNOTATION_OPENLINEAGE_NAMESPACE} and ${ANNOTATION_OPENLINEAGE_NAME} with the ${kind}'s OpenLineage namespace and name to this entity's catalog-info.yaml, and its metadata appears here.`,
        ]
      : [
          `No ${kind} observed yet`,
          `The metadata service has seen no OpenLineage event naming ${describeReference(
            value.reference,
          )}. It appears here after the first run that ${
            kind === 'endpoint' ? 'reads or writes it' : 'reports it'
          }.`,
        ];
  if (compact) {
    return (
      <>
        <Typography variant="subtitle2" component="p">
          {title}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {description}
        </Typography>
      </>
    );
  }
  return <EmptyState missing="data" title={title} description={description} />;
}
