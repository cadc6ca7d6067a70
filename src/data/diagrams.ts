/** Timeline charts for incident pages, as the diagrams integration prepared them for this build. */
import type { GanttPostmortem } from '../lib/charts/gantt.ts';
import { timelineChartData, timelineChartInputs, type DiagramsBuildConfig } from '../lib/charts/renderer/page.ts';

declare global {
  interface ImportMetaEnv {
    /** JSON of DiagramsBuildConfig, defined by the diagrams integration. */
    readonly HINDSIGHT_DIAGRAMS_CONFIG?: string;
  }
}

// Set by src/integrations/diagrams.ts (a JSON string, like HINDSIGHT_LISTING).
const config = JSON.parse(import.meta.env.HINDSIGHT_DIAGRAMS_CONFIG ?? '{"enabled":false}') as DiagramsBuildConfig;

/** The chart for an incident page (waits for its rendering when the build is still drawing it). */
export const timelineChart = (postmortemId: string, pm: GanttPostmortem) => timelineChartData(postmortemId, pm, config);

/** What an incident page's chart depends on, and whether it is final (for page reuse). */
export const timelineChartReuse = (postmortemId: string, pm: GanttPostmortem) => timelineChartInputs(postmortemId, pm, config);

/** URL of the module that draws charts in the browser (only on pages whose chart was not rendered at build). */
export const clientRenderModule = config.clientRenderModule;
