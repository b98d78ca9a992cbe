// Runs the npm Xtream client @iptv/xtream-api against a panel, raw and with its standardized
// serializer, and prints what it understood as JSON. Usage: node xtream-client.js BASEURL USER PASS [STREAM_ID]
import { Xtream } from '@iptv/xtream-api';
import { standardizedSerializer } from '@iptv/xtream-api/standardized';

const [base, username, password, streamId] = process.argv.slice(2);
if (!base || !username || !password) {
  console.error('usage: node xtream-client.js BASEURL USER PASS [STREAM_ID]');
  process.exit(2);
}

const raw = new Xtream({ url: base, username, password, preferredFormat: 'm3u8' });
const std = new Xtream({ url: base, username, password, serializer: standardizedSerializer });

const profile = await raw.getProfile();
const server = await raw.getServerInfo();
const categories = await raw.getChannelCategories();
const channels = await raw.getChannels();
const page = await raw.getChannels({ page: 1, limit: 1 });
const stdProfile = await std.getProfile();
const stdChannels = await std.getChannels();
const stdCategories = await std.getChannelCategories();
const movies = await raw.getMovies();
const shows = await raw.getShows();
let shortEpg = [];
let fullEpg = [];
let stdEpg = [];
if (streamId) {
  shortEpg = (await raw.getShortEPG({ channelId: streamId, limit: 2 })).epg_listings;
  fullEpg = (await raw.getFullEPG({ channelId: streamId })).epg_listings;
  stdEpg = await std.getShortEPG({ channelId: streamId, limit: 2 });
}

console.log(JSON.stringify({
  status: profile.status,
  auth: profile.auth,
  maxConnections: stdProfile.maxConnections,
  isTrial: stdProfile.isTrial,
  serverUrl: server.url,
  serverPort: server.port,
  categories: categories.map((c) => c.category_name),
  stdCategoryIds: stdCategories.map((c) => c.id),
  channels: channels.map((c) => ({ id: c.stream_id, name: c.name, url: c.url })),
  pageSize: page.length,
  stdChannels: stdChannels.map((c) => ({ id: c.id, epgId: c.epgId, categoryIds: c.categoryIds, created: c.createdAt.toISOString() })),
  movies: movies.length,
  shows: shows.length,
  shortEpg: shortEpg.map((p) => Buffer.from(p.title, 'base64').toString('utf8')),
  fullEpg: fullEpg.length,
  stdEpg: stdEpg.map((p) => p.title),
}));
