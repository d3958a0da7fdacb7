import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { formatOwner, MISSING } from '../format';

/** A name with its description below, clipped to two lines. */
export function NameCell(props: { link: JSX.Element; description?: string }) {
  return (
    <Stack spacing={0.25}>
      <Typography variant="body2" component="span" sx={{ fontWeight: 500 }}>
        {props.link}
      </Typography>
      {props.description && (
        <Typography
          variant="caption"
          color="text.secondary"
          title={props.description}
          sx={{
            display: '-webkit-box',
            WebkitLineClamp: 2,
            WebkitBoxOrient: 'vertical',
            overflow: 'hidden',
          }}
        >
          {props.description}
        </Typography>
      )}
    </Stack>
  );
}

/** Tags as chips; choosing one filters the list by it. */
export function TagChips(props: {
  tags: string[];
  onSelect?: (tag: string) => void;
}) {
  if (props.tags.length === 0) {
    return <>{MISSING}</>;
  }
  return (
    <Stack direction="row" spacing={0.5} flexWrap="wrap" useFlexGap>
      {props.tags.map(tag => (
        <Chip
          key={tag}
          label={tag}
          size="small"
          onClick={props.onSelect ? () => props.onSelect!(tag) : undefined}
          aria-label={props.onSelect ? `Filter by tag ${tag}` : undefined}
        />
      ))}
    </Stack>
  );
}

/** An owner, shortened, with the full reference on hover. */
export function OwnerText(props: { owner?: string }) {
  return <span title={props.owner}>{formatOwner(props.owner)}</span>;
}
