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

  function start() {
    enableVideos();
    enablePrintButtons();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
