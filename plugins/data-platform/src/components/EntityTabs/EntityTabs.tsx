import Box from '@mui/material/Box';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import { ReactNode } from 'react';
import { Link as RouterLink } from 'react-router-dom';

export type EntityTab = {
  /** The path segment below the entity's page; `''` for the first tab. */
  id: string;
  label: string;
};

function tabId(idPrefix: string, id: string) {
  return `${idPrefix}-tab-${id || 'overview'}`;
}

/**
 * Tabs of an endpoint or workflow page. Each tab is its own URL below the
 * page, so a tab can be linked to and the back button steps between tabs.
 * The tabs are links: arrow keys move between them, Enter opens one.
 */
export function EntityTabs(props: {
  'aria-label': string;
  /** Where the entity's page is; tabs live below it. */
  baseHref: string;
  tabs: EntityTab[];
  selected: string;
  /** Unique on the page, to tie the tab panel to its tab. */
  idPrefix: string;
  children: ReactNode;
}) {
  const { baseHref, tabs, selected, idPrefix, children } = props;
  const known = tabs.some(tab => tab.id === selected);
  const value = known ? selected : tabs[0].id;
  return (
    <>
      <Box sx={{ borderBottom: 1, borderColor: 'divider', mb: 3 }}>
        <Tabs value={value} aria-label={props['aria-label']}>
          {tabs.map(tab => (
            <Tab
              key={tab.id}
              value={tab.id}
              label={tab.label}
              id={tabId(idPrefix, tab.id)}
              aria-controls={`${idPrefix}-tabpanel`}
              component={RouterLink}
              to={tab.id ? `${baseHref}/${tab.id}` : baseHref}
            />
          ))}
        </Tabs>
      </Box>
      <Box
        role="tabpanel"
        id={`${idPrefix}-tabpanel`}
        aria-labelledby={tabId(idPrefix, value)}
      >
        {children}
      </Box>
    </>
  );
}
