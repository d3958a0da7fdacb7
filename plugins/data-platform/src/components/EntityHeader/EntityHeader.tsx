import { Link } from '@backstage/core-components';
import {
  BreadcrumbEntry,
  useBreadcrumbEntries,
} from '@backstage/frontend-plugin-api';
import Breadcrumbs from '@mui/material/Breadcrumbs';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { ReactNode } from 'react';
import { useLocation } from 'react-router-dom';
import { BreakableName } from '../Names';

type Step = { label: string; href: string };

/**
 * Adds steps to the plugin header's breadcrumbs (new frontend system), each
 * nested in the one before so the header orders them.
 */
function HeaderBreadcrumbs(props: { steps: Step[] }) {
  return props.steps.reduceRight<ReactNode>(
    (inner, step) => <BreadcrumbEntry entry={step}>{inner}</BreadcrumbEntry>,
    null,
  ) as JSX.Element;
}

/**
 * The head of an endpoint, workflow or run page: the way back to the list it
 * came from, its name, its namespace, and badges.
 */
export function EntityHeader(props: {
  /** The trail above the name; the first step is the explorer. */
  trail: Step[];
  title: string;
  subtitle?: ReactNode;
  /** Chips next to the title: state, tags, schema version. */
  badges?: ReactNode;
}) {
  const { trail, title, subtitle, badges } = props;
  const { pathname } = useLocation();
  // Under the new frontend system the plugin header already shows the trail
  // down to the explorer's tab; the page extends it there instead of
  // drawing a second one. Legacy apps have no header trail.
  const headerTrail = useBreadcrumbEntries().items.length > 0;
  return (
    <Stack spacing={1} sx={{ mb: 2 }}>
      {headerTrail ? (
        <HeaderBreadcrumbs
          steps={[...trail.slice(1), { label: title, href: pathname }]}
        />
      ) : (
        <Breadcrumbs aria-label="Breadcrumb">
          {trail.map(step => (
            <Link key={step.href} to={step.href}>
              {step.label}
            </Link>
          ))}
          <Typography color="text.primary" aria-current="page">
            {title}
          </Typography>
        </Breadcrumbs>
      )}
      <Stack
        direction="row"
        spacing={2}
        alignItems="center"
        flexWrap="wrap"
        useFlexGap
      >
        <Typography
          variant="h4"
          component="h1"
          sx={{ overflowWrap: 'break-word', minWidth: 0 }}
        >
          <BreakableName name={title} />
        </Typography>
        {badges}
      </Stack>
      {subtitle && (
        <Typography variant="subtitle1" color="text.secondary">
          {subtitle}
        </Typography>
      )}
    </Stack>
  );
}
