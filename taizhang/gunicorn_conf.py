"""gunicorn's settings for Taizhang: `gunicorn -c python:taizhang.gunicorn_conf taizhang.wsgi …` (scripts/start, the
README's production command and bench/load.py use it).

The access log names the method, the path, the status, the size, the time taken and the browser; never the query
string nor the referrer, which carry what people searched for (names, pinyin, the last digits of ID numbers:
/registry/search/?q=…) and the filters of lists."""

access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(L)s "%(a)s"'
