/** Jest transformer: a `.txt` file becomes a module whose export is the file's text (as webpack's asset/source does). */
module.exports = {
  process(sourceText) {
    return { code: `module.exports = ${JSON.stringify(sourceText)};` };
  },
};
