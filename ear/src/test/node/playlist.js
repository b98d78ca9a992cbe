// Fetches /get.php and parses it with iptv-playlist-parser. Usage: node playlist.js BASEURL USER PASS
import parser from 'iptv-playlist-parser';

const [base, username, password] = process.argv.slice(2);
if (!base || !username || !password) {
  console.error('usage: node playlist.js BASEURL USER PASS');
  process.exit(2);
}
const url = `${base}/get.php?username=${encodeURIComponent(username)}&password=${encodeURIComponent(password)}&type=m3u_plus&output=m3u8`;
const response = await fetch(url);
if (!response.ok) {
  console.error(`get.php answered ${response.status}`);
  process.exit(1);
}
const contentType = response.headers.get('content-type') ?? '';
const text = await response.text();
if (!/mpegurl/.test(contentType)) {
  console.error(`unexpected Content-Type ${contentType}`);
  process.exit(1);
}
const playlist = parser.parse(text);
console.log(JSON.stringify({
  header: playlist.header.attrs,
  items: playlist.items.map((i) => ({
    name: i.name,
    tvgId: i.tvg.id,
    tvgName: i.tvg.name,
    tvgLogo: i.tvg.logo,
    group: i.group.title,
    url: i.url,
  })),
}));
