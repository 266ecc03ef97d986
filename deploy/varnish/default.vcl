# Varnish in front of Klimathubben: keeps pages for anonymous visitors, passes everything
# personal, and forgets pages when the hub purges them (hub/frontend_cache.py).
# deploy/README.md explains each rule.
vcl 4.1;

import cookie;
import std;

include "backends.vcl";

sub vcl_recv {
    if (client.ip ~ proxies) {
        # Varnish added the proxy's own address last; the visitor's is the one the proxy
        # added, and the hub reads the last one (USE_X_FORWARDED_FOR).
        set req.http.X-Forwarded-For = regsub(req.http.X-Forwarded-For, "(^|,\s*)[^,]*$", "");
        if (req.http.X-Forwarded-For == "") {
            unset req.http.X-Forwarded-For;
        }
    }
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        # Every copy of this path, whatever its query string (filters, ?page=2), with its
        # grace copies, and then the object at this very address.
        std.ban("obj.http.x-path == " + regsub(req.url, "\?.*$", ""));
        return (purge);
    }
    if (req.method == "BAN") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        if (std.ban("obj.status != 0")) {
            return (synth(200, "Banned"));
        }
        return (synth(500, std.ban_error()));
    }

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # The admin, documents (which may be restricted) and the site search, whose results
    # change with every publish and cannot be purged by address. An admin moved elsewhere
    # (WAGTAIL_ADMIN_PATH) passes too: its answers are `private, no-store`, its users signed in.
    if (req.url ~ "^/(admin|documents|_util)(/|$)" || req.url ~ "^/(sv/sok|en/search)/") {
        return (pass);
    }
    if (req.http.Authorization || req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    # Anonymous visitors carry at most Django's CSRF and language cookies; anything else is
    # not the hub's and would split the cache.
    if (req.http.Cookie) {
        cookie.parse(req.http.Cookie);
        cookie.keep("csrftoken,django_language");
        set req.http.Cookie = cookie.get_string();
        if (req.http.Cookie == "") {
            unset req.http.Cookie;
        }
    }
    # Cached with a Cookie header too: a page that reads the cookie says `Vary: Cookie`, and a
    # form page sets its cookie or says `private`, which vcl_backend_response does not keep.
    return (hash);
}

sub vcl_hash {
    # Django answers plain HTTP with a redirect to HTTPS: keep the two apart. Then the built-in
    # vcl_hash adds the address and host.
    hash_data(req.http.X-Forwarded-Proto);
}

sub vcl_backend_response {
    # Which path this object is, for PURGE's ban; removed again in vcl_deliver.
    set beresp.http.x-path = regsub(bereq.url, "\?.*$", "");
    if (bereq.uncacheable) {
        return (deliver);
    }
    if (beresp.http.Set-Cookie || beresp.http.Cache-Control ~ "(?i)(private|no-cache|no-store)") {
        # Never kept: pass such requests for two minutes instead of queueing them.
        set beresp.ttl = 120s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    if (beresp.status >= 500) {
        set beresp.ttl = 0s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    if (!beresp.http.Cache-Control && !beresp.http.Expires) {
        # No word from the app: two minutes, and purges keep the pages fresh until then.
        set beresp.ttl = 120s;
    }
    # A copy past its age may answer while a fresh one is fetched, for ten seconds at most;
    # purges and bans remove these copies too.
    set beresp.grace = 10s;
    if (beresp.http.Content-Type ~ "^(text/|application/(xml|rss\+xml|atom\+xml|json|javascript))") {
        set beresp.do_gzip = true;
    }
}

sub vcl_deliver {
    unset resp.http.x-path;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
