# Where the app servers are, and who may tell Varnish to forget pages. Included by default.vcl;
# edit this file on each Varnish host and keep default.vcl as it is.

# One gunicorn on this machine (`make serve`, deploy/gunicorn.conf.py).
backend app1 {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 60s;
    .between_bytes_timeout = 10s;
}

# Several app servers: one backend each, in a round-robin director that skips sick ones.
# Uncomment, list the servers, and add them to the `purgers` ACL below; remove `app1` above.
#
# import directors;
# probe healthy { .url = "/robots.txt"; .interval = 5s; .timeout = 2s; .window = 5; .threshold = 3; }
# backend app1 { .host = "10.0.0.11"; .port = "8000"; .probe = healthy; }
# backend app2 { .host = "10.0.0.12"; .port = "8000"; .probe = healthy; }
# sub vcl_init {
#     new app = directors.round_robin();
#     app.add_backend(app1);
#     app.add_backend(app2);
# }
# sub vcl_recv {
#     set req.backend_hint = app.backend();
# }

# The TLS proxy in front (nginx on this host, or the load balancer's addresses): Varnish
# takes the visitor's address from the X-Forwarded-For it sets.
acl proxies {
    "127.0.0.1";
    "::1";
}

# The hub sends PURGE and BAN from its app servers (FRONTEND_CACHE_URL); nobody else may.
acl purgers {
    "127.0.0.1";
    "::1";
}
