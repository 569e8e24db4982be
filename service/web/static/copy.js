// Adds a "copy" button before each <details> holding a [data-copy] block. The page works
// without it: the block can be opened and its text selected by hand.
(function () {
  "use strict";
  var script = document.currentScript;
  var label = script.getAttribute("data-label");
  var done = script.getAttribute("data-done");

  function copy(block) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(block.textContent);
    }
    // plain http off localhost has no clipboard API: select the text and copy it
    var details = block.closest("details");
    if (details) { details.open = true; }
    var range = document.createRange();
    range.selectNodeContents(block);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    var copied = document.execCommand && document.execCommand("copy");
    return copied ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  document.querySelectorAll("[data-copy]").forEach(function (block) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy";
    button.textContent = label;
    button.addEventListener("click", function () {
      copy(block).then(function () {
        button.textContent = done;
        setTimeout(function () { button.textContent = label; }, 2000);
      }, function () { /* the text stays selected: the reader copies it */ });
    });
    var holder = block.closest("details") || block;
    holder.parentNode.insertBefore(button, holder);
  });
})();
