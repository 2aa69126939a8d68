// Renders the small bundled text image (public/samples/hello.png) the app opens with.
import { writeFileSync } from 'node:fs';
import { launchChromium } from './lib/chromium';

const html = `<body style="margin:0;background:#fbfaf6;width:480px;height:320px;font-family:'DejaVu Sans';color:#222">
<div style="padding:28px 32px">
<div style="font-size:34px;font-weight:bold">detscope</div>
<div style="font-size:20px;margin-top:18px">Text detection, profiled.</div>
<div style="font-size:18px;margin-top:14px;font-family:'DejaVu Serif'">Receipt No. 0042  Total 12.50</div>
<div style="font-size:16px;margin-top:14px;font-family:'DejaVu Sans Mono'">2026-11-29 12:51  CASH</div>
<div style="font-size:22px;margin-top:18px;transform:rotate(-4deg);transform-origin:left">Thank you!</div>
</div></body>`;

const { context, close } = await launchChromium();
const page = await context.newPage();
await page.setViewportSize({ width: 480, height: 320 });
await page.setContent(html);
writeFileSync('public/samples/hello.png', await page.screenshot({ type: 'png' }));
await close();
console.log('wrote public/samples/hello.png');
