// Review screen: scroll the source text so the selected item's origin is in view.
// Without JavaScript the "go to highlighted text" link does the same.
(function () {
  var mark = document.getElementById("kilde-markering");
  if (!mark) return;
  var box = mark.closest(".source-text");
  if (box) box.scrollTop = Math.max(0, mark.offsetTop - box.offsetTop - box.clientHeight / 3);
})();

// "Mark text from the source": a selection in the source text (mouse, or the
// keyboard with caret browsing) fills the form with its page offsets and words.
// Typing or pasting into the field instead clears the offsets; the server then
// looks the text up on the page. Without JavaScript the typed path still works.
(function () {
  var form = document.getElementById("mark-form");
  var box = document.querySelector(".source-text");
  if (!form || !box) return;
  var field = form.elements.text, start = form.elements.start, end = form.elements.end;
  var status = document.getElementById("mark-status");

  function offset(node, at) {
    var range = document.createRange();
    range.setStart(box, 0);
    range.setEnd(node, at);
    return range.toString().length;
  }

  function capture() {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount) return;
    var range = selection.getRangeAt(0);
    if (!box.contains(range.startContainer) || !box.contains(range.endContainer)) return;
    var text = range.toString();
    if (!text.trim()) return;
    start.value = offset(range.startContainer, range.startOffset);
    end.value = offset(range.endContainer, range.endOffset);
    field.value = text;
    var words = text.replace(/\s+/g, " ").trim();
    if (words.length > 80) words = words.slice(0, 79) + "…";
    status.textContent = form.dataset.selected
      .replace("{page}", form.elements.page.value)
      .replace("{text}", words);
  }

  document.addEventListener("selectionchange", capture);
  field.addEventListener("input", function () {
    start.value = "";
    end.value = "";
    status.textContent = form.dataset.typed;
  });
})();
