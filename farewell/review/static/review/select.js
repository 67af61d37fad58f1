// Reviewer workspace, case page: selecting words of the original fills the "from/to character"
// fields of the form that hides a detail. Optional: the form works without this script.
(function () {
  "use strict";
  var original = document.getElementById("original");
  var start = document.getElementById("id_start");
  var end = document.getElementById("id_end");
  var phrase = document.getElementById("id_phrase");
  if (!original || !start || !end) { return; }

  function offsetOf(node, offset) {
    var element = node.nodeType === Node.TEXT_NODE ? node.parentElement : node;
    var piece = element && element.closest("[data-start]");
    if (!piece || !original.contains(piece)) { return null; }
    return parseInt(piece.getAttribute("data-start"), 10) + (node.nodeType === Node.TEXT_NODE ? offset : 0);
  }

  original.addEventListener("mouseup", function () {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) { return; }
    var range = selection.getRangeAt(0);
    var from = offsetOf(range.startContainer, range.startOffset);
    var to = offsetOf(range.endContainer, range.endOffset);
    if (from === null || to === null || to <= from) { return; }
    start.value = from;
    end.value = to;
    if (phrase) { phrase.value = ""; }
    start.form.scrollIntoView({ block: "nearest" });
  });
})();
