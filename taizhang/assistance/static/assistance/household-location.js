// 用手机当前位置 on the assisted household's page (assistance/household_detail.html): fills the location form.
document.getElementById("use-position")?.addEventListener("click", () => navigator.geolocation?.getCurrentPosition((p) => {
  document.querySelector("#location-form [name=latitude]").value = p.coords.latitude.toFixed(6);
  document.querySelector("#location-form [name=longitude]").value = p.coords.longitude.toFixed(6);
}, () => alert("无法取得位置：请在手机设置中允许定位")));
