/** Text assets (earnings releases) are imported as strings: webpack `asset/source`, jest and scripts/register-ts.js. */
declare module '*.txt' {
  const text: string;
  export default text;
}

/** The task pane template, loaded through html-loader. */
declare module '*.html' {
  const html: string;
  export default html;
}

declare module '*.css' {
  const css: string;
  export default css;
}

/** pdf.js's worker code (no types shipped): loaded on the page as pdf.js's main-thread worker (src/taskpane/add-release.ts). */
declare module 'pdfjs-dist/legacy/build/pdf.worker.js';
