package io.panelx.it.jmxprobe;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;

/**
 * Test-only probe deployed beside the EAR: reads and invokes MBeans through the platform
 * MBeanServer inside the server JVM, where PanelX registers them, and answers in JSON. The tests
 * compare what it sees with what the remote JMX client, the dashboard snapshot and the ledger see.
 *
 * <p>{@code GET /jmx-probe/mbeans?pattern=io.panelx:*} every matching MBean with its attributes;
 * {@code POST /jmx-probe/mbeans?name=N&operation=op&arg=a&type=long|java.lang.String} invokes.
 */
@WebServlet("/mbeans")
public class PlatformMBeansProbe extends HttpServlet {

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try {
            JsonObjectBuilder all = Json.createObjectBuilder();
            for (ObjectName name :
                    server.queryNames(new ObjectName(req.getParameter("pattern")), null)) {
                JsonObjectBuilder attributes = Json.createObjectBuilder();
                for (MBeanAttributeInfo a : server.getMBeanInfo(name).getAttributes()) {
                    attributes.add(a.getName(), json(server.getAttribute(name, a.getName())));
                }
                all.add(name.getCanonicalName(), attributes);
            }
            write(resp, all.build().toString());
        } catch (Exception e) {
            resp.sendError(500, e.toString());
        }
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try {
            String type = req.getParameter("type");
            Object arg =
                    "long".equals(type)
                            ? (Object) Long.parseLong(req.getParameter("arg"))
                            : req.getParameter("arg");
            Object result =
                    server.invoke(
                            new ObjectName(req.getParameter("name")),
                            req.getParameter("operation"),
                            new Object[] {arg},
                            new String[] {type});
            write(resp, Json.createObjectBuilder().add("result", json(result)).build().toString());
        } catch (Exception e) {
            resp.sendError(500, e.toString());
        }
    }

    private static void write(HttpServletResponse resp, String json) throws IOException {
        resp.setContentType("application/json");
        resp.getWriter().write(json);
    }

    /** Open-type values as JSON; an MXBean Map arrives as TabularData of key/value rows. */
    private static JsonValue json(Object value) {
        if (value == null) {
            return JsonValue.NULL;
        }
        if (value instanceof Boolean b) {
            return b ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            return Json.createValue(((Number) value).longValue());
        }
        if (value instanceof Number n) {
            return Json.createValue(n.doubleValue());
        }
        if (value instanceof String[] strings) {
            JsonArrayBuilder array = Json.createArrayBuilder();
            for (String s : strings) {
                array.add(s);
            }
            return array.build();
        }
        if (value instanceof TabularData table) {
            JsonObjectBuilder map = Json.createObjectBuilder();
            for (Object row : table.values()) {
                CompositeData entry = (CompositeData) row;
                map.add(String.valueOf(entry.get("key")), json(entry.get("value")));
            }
            return map.build();
        }
        return Json.createValue(value.toString());
    }
}
