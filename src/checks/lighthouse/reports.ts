/**
 * Where the lighthouse check writes its HTML reports, under the working
 * directory (as Lighthouse CI's `.lighthouseci/`): the action's
 * `lighthouse-reports` output names it, for actions/upload-artifact.
 */
export const LIGHTHOUSE_REPORT_DIR = '.launch-gate/lighthouse'
