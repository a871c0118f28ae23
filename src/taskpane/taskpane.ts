/** Task pane entry (placeholder until the task pane lands): shows that Office.js is ready. */
Office.onReady(() => {
  const status = document.getElementById('status');
  if (status) status.textContent = 'ready';
});
