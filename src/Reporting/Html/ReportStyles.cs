namespace LoadLeak.Reporting.Html;

/// <summary>The report's only stylesheet, inlined: the page must open offline and under a no-remote CSP.</summary>
internal static class ReportStyles
{
    public const string Css = """
:root{--ink:#1d232b;--muted:#5b6572;--line:#dde2e8;--bg:#f5f7fa;--card:#fff;--good:#0b7a4b;--bad:#b3261e;--warn:#8a5a00;--accent:#0072B2}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.5 "DejaVu Sans","Segoe UI",system-ui,-apple-system,Helvetica,Arial,sans-serif}
header.top{background:#14202e;color:#fff;padding:22px 32px 18px}
header.top h1{margin:0 0 4px;font-size:22px;font-weight:600;letter-spacing:.2px}
header.top .sub{color:#b8c4d2;font-size:13px}
nav{background:#fff;border-bottom:1px solid var(--line);padding:8px 32px;position:sticky;top:0;z-index:2;font-size:13px}
nav a{color:var(--accent);text-decoration:none;margin-right:16px}
main{max-width:1320px;margin:0 auto;padding:8px 32px 48px}
h2{scroll-margin-top:48px;font-size:18px;margin:32px 0 10px;padding-bottom:6px;border-bottom:2px solid var(--line)}
h3{font-size:15px;margin:20px 0 8px;color:#2b3440}
p.lead{color:var(--muted);margin:0 0 10px}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin:18px 0}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px 16px;min-width:160px;flex:1}
.card .k{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.6px}
.card .v{font-size:20px;font-weight:600;margin-top:2px;font-variant-numeric:tabular-nums}
.status{display:inline-block;font-weight:700;font-size:15px;padding:6px 14px;border-radius:6px;letter-spacing:.5px;text-transform:uppercase}
.status.complete{background:#d8f0e3;color:var(--good)}
.status.partial,.status.interrupted{background:#fff0cc;color:var(--warn);border:2px solid #e0b040}
.status.target-died,.status.guarded,.status.failed{background:#fbdcd9;color:var(--bad);border:2px solid #e08a82}
.badge{display:inline-block;padding:1px 9px;border-radius:10px;font-size:12px;font-weight:600;white-space:nowrap}
.badge.good{background:#d8f0e3;color:var(--good)}.badge.bad{background:#fbdcd9;color:var(--bad)}
.badge.warn{background:#fff0cc;color:var(--warn)}.badge.info{background:#e3edf7;color:#244f7a}
.verdict{font-size:16px;padding:6px 14px}
.banner{border-radius:8px;padding:12px 16px;margin:14px 0;border:1px solid}
.banner.warn{background:#fff8e5;border-color:#e0b040}.banner.bad{background:#fdeceb;border-color:#e08a82}
.table-wrap{overflow-x:auto;background:var(--card);border:1px solid var(--line);border-radius:8px;margin:8px 0 14px}
table{border-collapse:collapse;width:100%;font-size:13px}
th{background:#eef1f5;text-align:left;font-weight:600;padding:7px 10px;border-bottom:1px solid var(--line);white-space:nowrap}
td{padding:6px 10px;border-bottom:1px solid #eef1f5;vertical-align:top}
tbody tr:last-child td{border-bottom:none}
tbody tr:hover{background:#f8fafc}
th.num,td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
code{font:12px "DejaVu Sans Mono",Consolas,monospace;background:#f0f2f5;padding:1px 4px;border-radius:3px;word-break:break-all}
figure{margin:10px 0 18px;background:var(--card);border:1px solid var(--line);border-radius:8px;padding:10px 12px 8px}
figcaption{font-weight:600;font-size:14px;margin:0 0 4px}
svg.plot{width:100%;height:auto;display:block}
.legend{display:flex;flex-wrap:wrap;gap:4px 18px;font-size:12px;color:#333;margin:4px 0 0 70px}
.legend span{display:inline-flex;align-items:center;gap:6px}
.sw{display:inline-block;width:26px;height:0;border-top-width:3px;border-top-style:solid}
.sw.dashed{border-top-style:dashed}.sw.dotted{border-top-style:dotted}
.sw.marker{width:9px;height:9px;border:none;transform:rotate(45deg)}
.sw.dot{width:9px;height:9px;border:none;border-radius:50%}
dl.meta{display:grid;grid-template-columns:200px 1fr;gap:4px 14px;background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px 16px}
dl.meta dt{color:var(--muted)}dl.meta dd{margin:0;word-break:break-all}
ul.notes li{margin:3px 0}
details.finding{background:var(--card);border:1px solid var(--line);border-radius:8px;margin:6px 0;padding:6px 12px}
details.finding summary{cursor:pointer;font-size:15px}
details.finding .headline{margin-left:6px}
details.finding[open] summary{margin-bottom:6px}
p.evidence{margin:4px 0 8px;max-width:100ch}
footer{color:var(--muted);font-size:12px;text-align:center;padding:18px}
@media print{nav{display:none}figure,.table-wrap{break-inside:avoid}}
""";
}
