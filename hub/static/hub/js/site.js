// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // Third-party videos load only after the visitor asks for them.
  function enableVideos() {
    document.querySelectorAll("[data-video]").forEach(function (figure) {
      var button = figure.querySelector("[data-video-play]");
      if (!button || !figure.dataset.embedUrl) return;
      button.hidden = false;
      button.addEventListener("click", function () {
        var frame = document.createElement("iframe");
        frame.src = figure.dataset.embedUrl;
        frame.title = figure.dataset.videoTitle || "";
        frame.allow = "fullscreen; picture-in-picture";
        frame.setAttribute("allowfullscreen", "");
        frame.className = "video__frame";
        var placeholder = figure.querySelector(".video__placeholder");
        placeholder.replaceWith(frame);
        frame.focus();
      });
    });
  }

  // Print buttons on printable views; without JavaScript the browser's own print works.
  function enablePrintButtons() {
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        window.print();
      });
    });
  }

  // Filter panels start collapsed, so that on small screens the results come first; on wide
  // screens they stand open beside or above the results.
  function openFilterPanelsOnWideScreens() {
    var panels = document.querySelectorAll("[data-filter-panel]");
    if (!panels.length || !window.matchMedia) return;
    var wide = window.matchMedia("(min-width: 60rem)");
    function update() {
      panels.forEach(function (panel) {
        panel.open = wide.matches;
      });
    }
    update();
    wide.addEventListener("change", update);
  }

  function start() {
    enableVideos();
    enablePrintButtons();
    openFilterPanelsOnWideScreens();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
