// Runs the npm Xtream client @iptv/xtream-api against a panel, raw and with its standardized
// serializer, and prints what it understood as JSON.
// Usage: node xtream-client.js BASEURL USER PASS [STREAM_ID [MOVIE_ID SHOW_ID]]
import { Xtream } from '@iptv/xtream-api';
import { standardizedSerializer } from '@iptv/xtream-api/standardized';

const [base, username, password, streamId, movieId, showId] = process.argv.slice(2);
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
const movieCategories = await raw.getMovieCategories();
const showCategories = await raw.getShowCategories();
let movie = null;
let show = null;
let stdMovie = null;
let stdShow = null;
if (movieId && showId) {
  movie = await raw.getMovie({ movieId });
  show = await raw.getShow({ showId });
  stdMovie = await std.getMovie({ movieId });
  stdShow = await std.getShow({ showId });
}
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
  movieList: movies.map((m) => ({ id: m.stream_id, name: m.name, url: m.url })),
  showList: shows.map((s) => ({ id: s.series_id, name: s.name })),
  movieCategories: movieCategories.map((c) => c.category_name),
  showCategories: showCategories.map((c) => c.category_name),
  movie: movie && { name: movie.info.name, url: movie.url, duration: movie.info.duration_secs },
  show: show && {
    name: show.info.name,
    seasons: show.seasons.map((s) => s.season_number),
    episodeUrls: Object.values(show.episodes).flat().map((e) => e.url),
  },
  stdMovie: stdMovie && { id: stdMovie.id, created: stdMovie.createdAt.toISOString() },
  stdShow: stdShow && {
    seasons: stdShow.seasons.length,
    episodes: stdShow.seasons.flatMap((s) =>
      s.episodes.map((e) => ({ id: e.id, number: e.number, season: s.number }))),
  },
  shortEpg: shortEpg.map((p) => Buffer.from(p.title, 'base64').toString('utf8')),
  fullEpg: fullEpg.length,
  stdEpg: stdEpg.map((p) => p.title),
}));
