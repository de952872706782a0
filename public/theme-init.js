// Applies the stored theme (or the system's) before the first paint.
(() => {
  try {
    const stored = localStorage.getItem("hookscope.theme");
    const dark = stored === "dark" || (stored !== "light" && matchMedia("(prefers-color-scheme: dark)").matches);
    document.documentElement.classList.toggle("dark", dark);
    document.documentElement.style.colorScheme = dark ? "dark" : "light";
  } catch {
    // Storage may be unavailable; the light theme stays.
  }
})();
