import { Content, EmptyState, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Grid from '@mui/material/Grid';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { dataPlatformApiRef } from '../../api';
import { RetryableError } from '../RetryableError';
import { CountsCard } from './CountsCard';
import { IngestionCard } from './IngestionCard';
import { ServiceHealthCard } from './ServiceHealthCard';
import { SetAsideCard } from './SetAsideCard';

/**
 * The landing view of the data platform: what the metadata service holds
 * and whether it is healthy.
 */
export function OverviewContent() {
  const api = useApi(dataPlatformApiRef);
  const { value, loading, error, retry } = useAsyncRetry(async () => {
    const [overview, health] = await Promise.all([
      api.getOverview(),
      api.getHealth(),
    ]);
    return { overview, health };
  }, [api]);

  if (loading && !value) {
    return (
      <Content>
        <Progress />
      </Content>
    );
  }
  if (error) {
    return (
      <Content>
        <RetryableError error={error} onRetry={retry} />
      </Content>
    );
  }
  if (!value) {
    return null;
  }

  const { overview, health } = value;
  return (
    <Content>
      <Grid container spacing={3} alignItems="stretch">
        {/* A metadata service older than the counts sends none. */}
        {overview.counts && (
          <Grid item xs={12}>
            <CountsCard counts={overview.counts} />
          </Grid>
        )}
        <Grid item xs={12} md={8}>
          <IngestionCard ingestion={overview.ingestion} />
        </Grid>
        <Grid item xs={12} md={4}>
          <ServiceHealthCard
            health={health}
            databaseClient={overview.databaseClient}
          />
        </Grid>
        {overview.ingestion.derivation.failed > 0 && (
          <Grid item xs={12}>
            <SetAsideCard count={overview.ingestion.derivation.failed} />
          </Grid>
        )}
        {overview.ingestion.acceptedEvents === 0 && (
          <Grid item xs={12}>
            <EmptyState
              missing="data"
              title="No metadata yet"
              description="Endpoints, workflows and their lineage appear here once a pipeline runtime (Airflow, Spark, dbt, Flink) sends OpenLineage events to the metadata service. The README's section on sending metadata tells how to point a runtime at it."
            />
          </Grid>
        )}
      </Grid>
    </Content>
  );
}
