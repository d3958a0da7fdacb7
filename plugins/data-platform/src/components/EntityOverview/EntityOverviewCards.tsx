import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import CardHeader from '@mui/material/CardHeader';
import Grid from '@mui/material/Grid';
import Typography from '@mui/material/Typography';
import { ComponentProps, Fragment, ReactNode } from 'react';
import { EntityLinkList } from '../EntityLinks';
import { MetadataItem, MetadataList } from '../MetadataList';

/** One group of the lineage card: a heading over a list of links. */
export type LineageSection = ComponentProps<typeof EntityLinkList> & {
  heading: string;
};

/**
 * The two cards that open every entity page's overview (endpoint, workflow,
 * run): "About" with the entity's fields on the left, "Lineage" with what
 * it reads and writes (or who reads and writes it) on the right. Two grid
 * items, for the page's `<Grid container>`, so that the page can put its
 * own cards before and after them.
 */
export function EntityOverviewCards(props: {
  about: { 'aria-label': string; items: MetadataItem[] };
  lineage: {
    subheader?: string;
    action?: ReactNode;
    sections: LineageSection[];
  };
}) {
  const { about, lineage } = props;
  return (
    <>
      <Grid item xs={12} md={7}>
        <Card sx={{ height: '100%' }}>
          <CardHeader title="About" />
          <CardContent sx={{ pt: 0 }}>
            <MetadataList
              aria-label={about['aria-label']}
              items={about.items}
            />
          </CardContent>
        </Card>
      </Grid>
      <Grid item xs={12} md={5}>
        <Card sx={{ height: '100%' }}>
          <CardHeader
            title="Lineage"
            subheader={lineage.subheader}
            action={lineage.action}
          />
          <CardContent sx={{ pt: 0 }}>
            {lineage.sections.map(({ heading, ...list }, index) => (
              <Fragment key={heading}>
                <Typography
                  variant="overline"
                  component="h3"
                  color="text.secondary"
                  sx={index > 0 ? { mt: 2, display: 'block' } : undefined}
                >
                  {heading}
                </Typography>
                <EntityLinkList {...list} />
              </Fragment>
            ))}
          </CardContent>
        </Card>
      </Grid>
    </>
  );
}
