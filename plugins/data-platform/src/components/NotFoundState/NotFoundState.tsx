import { EmptyState } from '@backstage/core-components';
import { ResponseError } from '@backstage/errors';
import Button from '@mui/material/Button';
import { Link as RouterLink } from 'react-router-dom';

/** Whether a failed request means the thing asked for does not exist. */
export function isNotFound(error: Error | undefined): boolean {
  return (
    (ResponseError.is(error) && error.statusCode === 404) ||
    error?.name === 'NotFoundError'
  );
}

/**
 * What a page shows for an id the service does not know: a stale bookmark,
 * or an endpoint renamed upstream.
 */
export function NotFoundState(props: {
  title: string;
  description: string;
  back: { label: string; href: string };
}) {
  return (
    <EmptyState
      missing="info"
      title={props.title}
      description={props.description}
      action={
        <Button variant="contained" component={RouterLink} to={props.back.href}>
          {props.back.label}
        </Button>
      }
    />
  );
}
