import {
  RunState,
  RunSummary,
} from '@data-platform/plugin-data-platform-common';
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useTheme } from '@mui/material/styles';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ResponsiveContainer,
  Tooltip,
  TooltipProps,
  XAxis,
  YAxis,
} from 'recharts';
import { useNavigate } from 'react-router-dom';
import { shortRunId, useRunHref } from '../EntityLinks';
import { durationTicks, formatDurationTick } from './durationTicks';
import {
  formatDuration,
  formatShortTimestamp,
  formatTimestamp,
} from '../format';
import {
  RUN_STATES,
  runStateLabel,
  runStatePaletteColor,
} from '../RunStateChip';

/** The chart's height; a responsive container cannot size itself vertically. */
const CHART_HEIGHT = 260;

type Datum = {
  id: string;
  state: RunState;
  time: string;
  durationMs: number;
  errorMessage?: string;
};

function RunTooltip(props: TooltipProps<number, string>) {
  const datum = props.active
    ? (props.payload?.[0]?.payload as Datum | undefined)
    : undefined;
  if (!datum) {
    return null;
  }
  return (
    <Paper elevation={4} sx={{ p: 1.5, maxWidth: 320 }}>
      <Typography variant="subtitle2">
        {runStateLabel(datum.state)} in {formatDuration(datum.durationMs)}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {formatTimestamp(datum.time)}
      </Typography>
      <Typography
        variant="caption"
        color="text.secondary"
        sx={{ fontFamily: 'monospace' }}
      >
        Run {shortRunId(datum.id)}
      </Typography>
      {datum.errorMessage && (
        <Typography
          variant="caption"
          color="error"
          component="p"
          sx={{ mt: 0.5 }}
        >
          {datum.errorMessage}
        </Typography>
      )}
    </Paper>
  );
}

/**
 * How long a workflow's runs took, oldest to newest, one bar per run
 * coloured by how it ended. Clicking a bar opens the run.
 */
export function RunDurationChart(props: {
  workflowId: string;
  /** Any order; runs without a duration are left out. */
  runs: RunSummary[];
}) {
  const { workflowId, runs } = props;
  const theme = useTheme();
  const navigate = useNavigate();
  const runHref = useRunHref();

  const data: Datum[] = runs
    .filter(run => run.durationMs !== undefined)
    .map(run => ({
      id: run.id,
      state: run.state,
      time: run.startedAt ?? run.nominalStartTime ?? run.updatedAt,
      durationMs: run.durationMs!,
      errorMessage: run.errorMessage,
    }))
    .sort((a, b) => Date.parse(a.time) - Date.parse(b.time));

  if (data.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        No run has finished with a duration yet.
      </Typography>
    );
  }

  const states = RUN_STATES.filter(state =>
    data.some(datum => datum.state === state),
  );
  const axisColor = theme.palette.text.secondary;
  const ticks = durationTicks(Math.max(...data.map(datum => datum.durationMs)));

  return (
    <>
      <Box
        role="img"
        aria-label={`Bar chart of the durations of ${data.length} runs, oldest to newest`}
        sx={{ width: '100%', height: CHART_HEIGHT }}
      >
        <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
          <BarChart
            data={data}
            margin={{ top: 8, right: 16, bottom: 8, left: 16 }}
          >
            <CartesianGrid
              vertical={false}
              stroke={theme.palette.divider}
              strokeDasharray="3 3"
            />
            <XAxis
              dataKey="time"
              tickFormatter={formatShortTimestamp}
              stroke={axisColor}
              tick={{ fill: axisColor, fontSize: 12 }}
              minTickGap={24}
            />
            <YAxis
              ticks={ticks}
              domain={[0, ticks[ticks.length - 1]]}
              interval={0}
              tickFormatter={value => formatDurationTick(Number(value))}
              stroke={axisColor}
              tick={{ fill: axisColor, fontSize: 12 }}
              width={72}
            />
            <Tooltip
              content={<RunTooltip />}
              cursor={{ fill: theme.palette.action.hover }}
            />
            <Bar
              dataKey="durationMs"
              name="Duration"
              isAnimationActive={false}
              maxBarSize={32}
              cursor="pointer"
              onClick={(datum: { payload?: Datum }) => {
                if (datum.payload) {
                  navigate(runHref(workflowId, datum.payload.id));
                }
              }}
            >
              {data.map(datum => (
                <Cell
                  key={datum.id}
                  fill={runStatePaletteColor(theme, datum.state)}
                />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </Box>
      <Stack
        direction="row"
        spacing={2}
        justifyContent="center"
        sx={{ mt: 1 }}
        aria-label="Legend"
      >
        {states.map(state => (
          <Stack key={state} direction="row" spacing={0.75} alignItems="center">
            <Box
              sx={{
                width: 12,
                height: 12,
                borderRadius: 0.5,
                bgcolor: runStatePaletteColor(theme, state),
              }}
            />
            <Typography variant="caption" color="text.secondary">
              {runStateLabel(state)}
            </Typography>
          </Stack>
        ))}
      </Stack>
    </>
  );
}
