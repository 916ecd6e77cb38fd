// Goal picker: a search box over the goals grouped by section (planning/_goal_picker.html).
// Without JavaScript the grouped checkboxes work as they are; this only hides what does not match.
(function () {
  var pickers = document.querySelectorAll("[data-goal-picker]");
  Array.prototype.forEach.call(pickers, function (picker) {
    var box = picker.querySelector(".goal-picker-search");
    var input = box.querySelector("input");
    var count = box.querySelector(".goal-picker-count");
    var items = picker.querySelectorAll(".goal-group li");
    var groups = picker.querySelectorAll(".goal-group");
    box.hidden = false;
    function norm(text) { return text.toLocaleLowerCase("nb").normalize("NFC"); }
    function filter() {
      var words = norm(input.value).split(/\s+/).filter(Boolean);
      var shown = 0;
      Array.prototype.forEach.call(items, function (li) {
        var text = norm(li.textContent + " " + li.closest(".goal-group").querySelector("legend").textContent);
        var checked = li.querySelector("input").checked;
        var match = checked || words.every(function (w) { return text.indexOf(w) !== -1; });
        li.hidden = !match;
        if (match) shown += 1;
      });
      Array.prototype.forEach.call(groups, function (group) {
        group.hidden = !group.querySelector("li:not([hidden])");
      });
      count.textContent = words.length ? shown + " / " + items.length : "";
    }
    input.addEventListener("input", filter);
    // Enter in the search box filters; it must not submit the measure form.
    input.addEventListener("keydown", function (event) { if (event.key === "Enter") event.preventDefault(); });
  });
})();
