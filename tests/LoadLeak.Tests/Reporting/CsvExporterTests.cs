using LoadLeak.Reporting.Csv;
using LoadLeak.Results;
using LoadLeak.Tests.Results;

namespace LoadLeak.Tests.Reporting;

public class CsvExporterTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("", "")]
    public void Fields_are_quoted_per_rfc_4180(string value, string expected) => Assert.Equal(expected, CsvTable.Field(value));

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+1", "'+1")]
    [InlineData("-cmd", "'-cmd")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("http-1", "http-1")]
    public void Text_that_a_spreadsheet_would_run_as_a_formula_is_defused(string value, string expected) =>
        Assert.Equal(expected, CsvTable.Field(value));

    [Fact]
    public void Negative_numbers_stay_numbers() => Assert.Equal("-2.5", CsvTable.Field(-2.5));

    [Fact]
    public void Numbers_use_invariant_culture_and_null_is_an_empty_cell()
    {
        Assert.Equal("1234.5", CsvTable.Field(1234.5));
        Assert.Equal("", CsvTable.Field(null));
        Assert.Equal("0.1", CsvTable.Field(0.1));
    }

    [Fact]
    public void Samples_csv_has_a_row_per_sample_with_empty_cells_for_nulls()
    {
        var doc = RunDocumentJsonTests.Minimal() with
        {
            Samples =
            [
                new TargetSample { T = 1, GcHeapBytes = 1.5e6, Threads = 10, OsThreads = 12, ThreadPoolThreads = 10 },
                new TargetSample { T = 2, Threads = null },
            ],
        };
        var lines = CsvExporter.Samples(doc).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(3, lines.Length);
        Assert.StartsWith("t,gcHeapBytes,postGcHeapBytes,", lines[0]);
        Assert.EndsWith(",osThreads,threadPoolThreads", lines[0]);
        Assert.Equal("1,1500000,,,,10,,,,,,,,,12,10", lines[1]);
        Assert.Equal("2,,,,,,,,,,,,,,,", lines[2]);
        Assert.All(lines, l => Assert.Equal(15, l.Count(c => c == ',')));
    }

    [Fact]
    public void Intervals_csv_quotes_awkward_scenario_names()
    {
        var doc = RunDocumentJsonTests.Minimal() with
        {
            Intervals = [new IntervalRow(1, "get, \"cached\"", "step 1", 10, 1, 11, 1.5, 9.25, 7, 4, 0, 0, 0)],
        };
        var lines = CsvExporter.Intervals(doc).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("1,\"get, \"\"cached\"\"\",step 1,10,1,11,1.5,9.25,7,4,0,0,0", lines[1]);
    }

    [Fact]
    public void An_interval_without_successful_responses_has_empty_latency_cells_not_zero()
    {
        var doc = RunDocumentJsonTests.Minimal() with
        {
            Intervals = [new IntervalRow(5, "kafka", "down", 0, 40, 40, 0, 0, 0, 4, 0, 0, 0)],
        };
        var lines = CsvExporter.Intervals(doc).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("5,kafka,down,0,40,40,,,,4,0,0,0", lines[1]);
    }
}
