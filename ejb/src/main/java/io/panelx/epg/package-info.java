/**
 * The electronic programme guide. XMLTV files (plain or gzip, from a URL or a file) are imported on
 * a schedule or on an admin's request, streamed with StAX so that a 100 MB guide is never held in
 * memory; only programmes of channels PanelX carries (matched by the channel's EPG id) are kept,
 * and programmes that ended long ago are pruned. Players read the guide through the Xtream API
 * (get_short_epg, get_simple_data_table) and /xmltv.php.
 */
package io.panelx.epg;
