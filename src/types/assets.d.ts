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
