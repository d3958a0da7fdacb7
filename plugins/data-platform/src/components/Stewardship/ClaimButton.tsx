import { CopyTextButton } from '@backstage/core-components';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import { useId, useState } from 'react';
import { claimSnippet, OWNER_PLACEHOLDER } from './claimSnippet';

/**
 * "Claim": the catalog-info.yaml entity that declares the item, to copy
 * into the owning team's repository.
 */
export function ClaimButton(props: {
  kind: 'endpoint' | 'workflow';
  item: { namespace: string; name: string; description?: string };
}) {
  const { kind, item } = props;
  const [open, setOpen] = useState(false);
  const titleId = useId();
  const snippet = claimSnippet(kind, item);
  return (
    <>
      <Button
        size="small"
        variant="outlined"
        onClick={() => setOpen(true)}
        aria-label={`Claim ${item.name}`}
      >
        Claim
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        aria-labelledby={titleId}
        maxWidth="md"
        fullWidth
      >
        <DialogTitle id={titleId}>Claim {item.name}</DialogTitle>
        <DialogContent>
          <Typography variant="body2" paragraph>
            Add this entity to your team's <code>catalog-info.yaml</code>, with
            your team in place of <code>{OWNER_PLACEHOLDER}</code>. Once the
            catalog has read it, the declared owner wins over what OpenLineage
            events say.
          </Typography>
          <Box sx={{ position: 'relative' }}>
            <Box
              component="pre"
              sx={{
                m: 0,
                p: 2,
                pr: 6,
                overflowX: 'auto',
                bgcolor: 'action.hover',
                borderRadius: 1,
                fontSize: '0.8125rem',
              }}
            >
              {snippet}
            </Box>
            <Box sx={{ position: 'absolute', top: 4, right: 4 }}>
              <CopyTextButton
                text={snippet}
                aria-label="Copy the catalog-info.yaml entity"
                tooltipText="Copied"
              />
            </Box>
          </Box>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>Close</Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
