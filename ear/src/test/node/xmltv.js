// Fetches /xmltv.php and parses it with epg-parser. Usage: node xmltv.js BASEURL USER PASS
import parser from 'epg-parser';

const [base, username, password] = process.argv.slice(2);
if (!base || !username || !password) {
  console.error('usage: node xmltv.js BASEURL USER PASS');
  process.exit(2);
}
const url = `${base}/xmltv.php?username=${encodeURIComponent(username)}&password=${encodeURIComponent(password)}`;
const response = await fetch(url);
if (!response.ok) {
  console.error(`xmltv.php answered ${response.status}`);
  process.exit(1);
}
const guide = parser.parse(await response.text());
console.log(JSON.stringify({
  channels: guide.channels.map((c) => ({ id: c.id, name: c.displayName?.[0]?.value })),
  programmes: guide.programs.map((p) => ({
    channel: p.channel,
    title: p.title?.[0]?.value,
    start: p.start,
    stop: p.stop,
  })),
}));
