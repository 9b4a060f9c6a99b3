export { timelineJsonChunks, canonicalEvent } from './json.js';
export { timelineCsvChunks, csvCell, csvLine } from './csv.js';
export { timelineMarkdownChunks, markdownCell } from './markdown.js';
