import { loadTinyGan } from './tinygan.js';
const tg = await loadTinyGan();
const gan = tg.create();
const lines = [];
for (let t = 0; t < 10000; t++) {
  gan.step(1);
  if (t % 1000 === 0 || t === 9999) {
    const { d, g } = gan.losses(t, t + 1);
    lines.push(`Epoch ${t}: D_loss = ${d[0].toFixed(4)}, G_loss = ${g[0].toFixed(4)}`);
  }
}
document.getElementById('out').textContent = lines.join('\n');
