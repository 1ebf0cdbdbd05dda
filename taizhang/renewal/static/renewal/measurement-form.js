// 添加 buttons of the measurement form (renewal/measurements/measurement_form.html): a new building or attachment
// row from its <template>, numbered by the formset's TOTAL_FORMS.
document.querySelectorAll("[data-add]").forEach(function (button) {
  button.addEventListener("click", function () {
    var kind = button.dataset.add, prefix = kind === "building" ? "b" : "a";
    var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    var html = document.getElementById(kind + "-template").innerHTML.replace(/__prefix__/g, total.value);
    document.getElementById(kind + "-rows").insertAdjacentHTML("beforeend", html);
    total.value = parseInt(total.value, 10) + 1;
  });
});
