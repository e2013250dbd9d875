// Regenerates colorjs.json, the expected values tests/colorjs.rs checks against (the tests themselves need no
// JavaScript). Run outside the repository: npm install colorjs.io@0.7.1 && node generate-colorjs.mjs colorjs.json
import Color from "colorjs.io";
import { writeFileSync } from "fs";
let seed = 12345;
const rand = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
const r = (lo, hi, d = 3) => +(lo + (hi - lo) * rand()).toFixed(d);
const inputs = [];
import keywords from "colorjs.io/src/keywords.js";
for (const name of Object.keys(keywords)) inputs.push(name);
inputs.push("transparent");
const hex = () => Math.floor(rand() * 256).toString(16).padStart(2, "0");
for (let i = 0; i < 40; i++) inputs.push(`#${hex()}${hex()}${hex()}`);
for (let i = 0; i < 10; i++) inputs.push(`#${hex()}${hex()}${hex()}${hex()}`);
for (let i = 0; i < 10; i++) inputs.push(`#${hex()[0]}${hex()[0]}${hex()[0]}`);
for (let i = 0; i < 20; i++) inputs.push(`rgb(${r(0,255,0)}, ${r(0,255,0)}, ${r(0,255,0)})`);
for (let i = 0; i < 10; i++) inputs.push(`rgb(${r(0,255,1)} ${r(0,255,1)} ${r(0,255,1)} / ${r(0,1,2)})`);
for (let i = 0; i < 10; i++) inputs.push(`rgb(${r(0,100,1)}% ${r(0,100,1)}% ${r(0,100,1)}%)`);
for (let i = 0; i < 5; i++) inputs.push(`rgb(${r(-50,320,0)} ${r(-50,320,0)} ${r(-50,320,0)})`);
for (let i = 0; i < 20; i++) inputs.push(`hsl(${r(0,360,1)} ${r(0,100,1)}% ${r(0,100,1)}%)`);
for (let i = 0; i < 5; i++) inputs.push(`hsla(${r(0,360,0)}, ${r(0,100,0)}%, ${r(0,100,0)}%, ${r(0,1,2)})`);
for (let i = 0; i < 5; i++) inputs.push(`hsl(${r(0,1,3)}turn ${r(0,100,0)} ${r(0,100,0)})`);
for (let i = 0; i < 15; i++) inputs.push(`hwb(${r(0,360,1)} ${r(0,60,1)}% ${r(0,60,1)}%)`);
for (let i = 0; i < 25; i++) inputs.push(`lab(${r(0,100,2)} ${r(-125,125,2)} ${r(-125,125,2)})`);
for (let i = 0; i < 25; i++) inputs.push(`lch(${r(0,100,2)} ${r(0,150,2)} ${r(0,360,2)})`);
for (let i = 0; i < 25; i++) inputs.push(`oklab(${r(0,1,3)} ${r(-0.4,0.4,3)} ${r(-0.4,0.4,3)})`);
for (let i = 0; i < 25; i++) inputs.push(`oklch(${r(0,1,3)} ${r(0,0.4,3)} ${r(0,360,1)})`);
for (let i = 0; i < 5; i++) inputs.push(`oklch(${r(0,100,1)}% ${r(0,100,1)}% ${r(0,6.28,2)}rad)`);
for (const space of ["srgb", "srgb-linear", "display-p3", "a98-rgb", "prophoto-rgb", "rec2020", "xyz-d65", "xyz-d50", "xyz"]) {
  for (let i = 0; i < 6; i++) inputs.push(`color(${space} ${r(0,1,3)} ${r(0,1,3)} ${r(0,1,3)})`);
}
inputs.push("rgb(none none none)", "rgb(255 none 0 / none)", "hsl(none 0% 50%)", "lch(50 0 none)", "oklch(0.6 0.1 none)",
  "oklch(1 0.2 30)", "oklch(0 0.2 30)", "color(display-p3 1 0 0)", "color(display-p3 0 1 0)", "lab(50 100 -100)",
  "hsl(0 200% 50%)", "rgb(300 0 0)", "color(rec2020 0 1 0)", "oklch(0.9 0.3 100)", "#767676", "#777", "RED", "  blue  ");
const out = [];
for (const input of inputs) {
  const c = new Color(input.trim());
  const mapped = c.clone().to("srgb").toGamut({ method: "css" });
  const coords = (space) => c.to(space).coords.map((v) => (v === null || Number.isNaN(v) ? null : v));
  out.push({
    input, alpha: Number.isNaN(c.alpha) || c.alpha === null ? 0 : c.alpha,
    in_gamut: c.inGamut("srgb"),
    srgb: mapped.coords,
    hex: mapped.toString({ format: "hex", collapse: false }),
    lab: coords("lab"), lch: coords("lch"), oklab: coords("oklab"), oklch: coords("oklch"), xyz: coords("xyz-d65"),
    hsl: mapped.to("hsl").coords.map((v) => (v === null || Number.isNaN(v) ? null : v)),
  });
}
writeFileSync(process.argv[2], JSON.stringify(out, null, 0).replace(/\},\{/g, "},\n{"));
console.log(out.length);
