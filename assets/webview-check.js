/*
 * Runs before the add-in's bundle, in ES5 on purpose. Some Windows setups still host add-ins in Internet Explorer
 * 11 ("Trident"), which cannot parse the bundle (ES2017): the pane would stay blank. Microsoft recommends a graceful
 * failure message there (https://learn.microsoft.com/office/dev/add-ins/develop/support-ie-11), found by the user
 * agent as that page shows.
 */
(function () {
  if (navigator.userAgent.indexOf('Trident') === -1) return;
  window.__supplyPlanUnsupportedWebview = true;
  function show() {
    var root = document.getElementById('root');
    if (!root) return;
    root.innerHTML =
      '<main style="font-family: sans-serif; padding: 16px">' +
      '<h1 style="font-size: 16px">供給確保計画チェッカー / Supply Plan Checker</h1>' +
      '<p lang="ja">この Excel はアドインを Internet Explorer で表示しているため、作業ウィンドウを使えません。' +
      'Microsoft 365 または Office 2021 以降の Excel（Microsoft Edge WebView2 が入った Windows）でお使いください。</p>' +
      '<p lang="en">This Excel shows add-ins in Internet Explorer, which cannot run this task pane. Use Excel from ' +
      'Microsoft 365 or Office 2021 or later (on Windows with Microsoft Edge WebView2).</p>' +
      '</main>';
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', show);
  else show();
})();
