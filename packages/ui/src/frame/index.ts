export type { ReportFrameHeightOptions } from './frame-height.js'
export { frameHeightMessage, reportFrameHeight } from './frame-height.js'
