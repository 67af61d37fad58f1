// Reviewer workspace, case page: dragging over a preview fills the box form of its file (position
// and size in percent, and the page of a document). Optional: the form works without this script.
(function () {
  "use strict";
  function formFor(attachment) {
    return document.querySelector('form.box-form[data-attachment="' + attachment + '"]');
  }
  function percent(value) { return Math.round(Math.min(Math.max(value, 0), 1) * 10000) / 100; }

  document.querySelectorAll("img.preview").forEach(function (image) {
    var form = formFor(image.getAttribute("data-attachment"));
    if (!form) { return; }
    var frame = document.createElement("span");
    frame.className = "preview-frame";
    image.parentNode.insertBefore(frame, image);
    frame.appendChild(image);
    var marker = document.createElement("span");
    marker.className = "drawn-box";
    marker.hidden = true;
    frame.appendChild(marker);
    var origin = null;

    function point(event) {
      var rect = image.getBoundingClientRect();
      return { x: (event.clientX - rect.left) / rect.width, y: (event.clientY - rect.top) / rect.height };
    }
    function show(from, to) {
      var left = Math.min(from.x, to.x), top = Math.min(from.y, to.y);
      marker.style.left = percent(left) + "%";
      marker.style.top = percent(top) + "%";
      marker.style.width = percent(Math.abs(to.x - from.x)) + "%";
      marker.style.height = percent(Math.abs(to.y - from.y)) + "%";
      marker.hidden = false;
      return { x: left, y: top, w: Math.abs(to.x - from.x), h: Math.abs(to.y - from.y) };
    }
    image.addEventListener("dragstart", function (event) { event.preventDefault(); });
    image.addEventListener("pointerdown", function (event) {
      origin = point(event);
      image.setPointerCapture(event.pointerId);
    });
    image.addEventListener("pointermove", function (event) { if (origin) { show(origin, point(event)); } });
    image.addEventListener("pointerup", function (event) {
      if (!origin) { return; }
      var box = show(origin, point(event));
      origin = null;
      if (box.w < 0.005 || box.h < 0.005) { marker.hidden = true; return; }
      form.elements.x.value = percent(box.x);
      form.elements.y.value = percent(box.y);
      form.elements.w.value = percent(box.w);
      form.elements.h.value = percent(box.h);
      if (form.elements.page) { form.elements.page.value = image.getAttribute("data-box-page") || ""; }
      form.scrollIntoView({ block: "nearest" });
    });
  });
})();
