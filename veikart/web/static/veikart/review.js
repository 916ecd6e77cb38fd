// Review screen: scroll the source text so the selected item's origin is in view.
// Without JavaScript the "go to highlighted text" link does the same.
(function () {
  var mark = document.getElementById("kilde-markering");
  if (!mark) return;
  var box = mark.closest(".source-text");
  if (box) box.scrollTop = Math.max(0, mark.offsetTop - box.offsetTop - box.clientHeight / 3);
})();
