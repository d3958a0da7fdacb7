import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { ReactNode } from 'react';

/** A labelled headline number, optionally with a link below it. */
export function Figure(props: {
  label: string;
  value: string;
  tone?: 'error';
  action?: ReactNode;
}) {
  return (
    <Stack spacing={0.5} sx={{ minWidth: 160 }}>
      <Typography variant="overline" color="text.secondary">
        {props.label}
      </Typography>
      <Typography
        variant="h4"
        component="p"
        color={props.tone === 'error' ? 'error.main' : 'text.primary'}
      >
        {props.value}
      </Typography>
      {props.action}
    </Stack>
  );
}
