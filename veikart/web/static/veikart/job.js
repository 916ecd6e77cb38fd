// Import job page: poll the job's status and reload once it is finished.
// Without JavaScript the page still shows an "update now" link.
(function () {
  var box = document.getElementById("job");
  if (!box || box.dataset.finished === "1") return;
  var url = box.dataset.statusUrl;
  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (job) {
        document.getElementById("job-status").textContent = job.status_label;
        var bar = document.getElementById("job-progress");
        bar.value = job.progress;
        bar.textContent = job.progress + " %";
        var stages = document.querySelectorAll("#job-stages li");
        for (var i = 0; i < stages.length; i++) {
          stages[i].className = i < job.stage ? "done" : (i === job.stage ? "current" : "");
          if (i === job.stage) { stages[i].setAttribute("aria-current", "step"); } else { stages[i].removeAttribute("aria-current"); }
        }
        if (job.finished) { window.location.reload(); } else { setTimeout(poll, 1500); }
      })
      .catch(function () { setTimeout(poll, 5000); });
  }
  setTimeout(poll, 1000);
})();
