using Scipion.Core.Formats;

namespace Scipion.Core.Tests.Formats;

public sealed class StarFileTests
{
    private const string Relion31Particles = """

        # version 30001

        data_optics

        loop_
        _rlnOpticsGroup #1
        _rlnOpticsGroupName #2
        _rlnImagePixelSize #3
        _rlnImageSize #4
        1 opticsGroup1 3.000000 64
        2 "group two" 2.5 64


        # version 30001

        data_particles

        loop_
        _rlnAngleRot #1
        _rlnImageName #2
        _rlnOpticsGroup #3
          307.651069 000001@Particles/stack.mrcs            1
          210.981231
          000002@Particles/stack.mrcs 2

        """;

    [Fact]
    public void Each_row_read_from_a_file_knows_the_line_it_starts_on()
    {
        var star = StarReader.Parse(Relion31Particles);

        Assert.Equal([11, 12], Enumerable.Range(0, 2).Select(star["optics"].Table.LineOf));
        Assert.Equal([23, 24], Enumerable.Range(0, 2).Select(star["particles"].Table.LineOf));
        Assert.Equal(0, new StarTable(["a"]).AddRow(1).LineOf(0));
    }

    [Fact]
    public void A_relion_31_file_gives_its_optics_and_particles_tables()
    {
        var star = StarReader.Parse(Relion31Particles);

        var optics = star["optics"].Table;
        Assert.Equal(["rlnOpticsGroup", "rlnOpticsGroupName", "rlnImagePixelSize", "rlnImageSize"], optics.Columns);
        Assert.Equal(3.0, optics.GetDouble(0, "rlnImagePixelSize"));
        Assert.Equal("group two", optics.Get(1, "_rlnOpticsGroupName"));

        var particles = star["data_particles"].Table;
        Assert.Equal(2, particles.RowCount);
        Assert.Equal("000002@Particles/stack.mrcs", particles.Get(1, "rlnImageName"));
        Assert.Equal(2, particles.GetInt(1, "rlnOpticsGroup"));
    }

    [Fact]
    public void Key_value_blocks_keep_their_pairs_and_comments_are_ignored()
    {
        var star = StarReader.Parse("""
            data_general
            _rlnImageSizeX   256   # width
            _rlnMicrographMovieName 'Movies/my movie.mrcs'
            _rlnFinalResolution 7.5
            """);

        var general = star["general"];
        Assert.Equal("256", general.Get("rlnImageSizeX"));
        Assert.Equal("Movies/my movie.mrcs", general.Get("_rlnMicrographMovieName"));
        Assert.Equal(7.5, general.GetDouble("rlnFinalResolution"));
        Assert.Null(general.Get("rlnMissing"));
    }

    [Fact]
    public void Writing_and_reading_back_gives_the_same_blocks_values_and_rows()
    {
        var star = new StarFile();
        star.AddBlock("general").Set("rlnFinalResolution", 8.25).Set("scipionNote", "two words");
        var table = star.AddBlock("data_fsc").AddLoop("rlnSpectralIndex", "rlnResolution", "scipionLabel");
        table.AddRow(0, 0.0, "origin");
        table.AddRow(1, 1 / 192.0, "with space");
        table.AddRow(2, 2 / 192.0, "_underscored");

        var back = StarReader.Parse(StarWriter.ToText(star));

        Assert.Equal(["general", "fsc"], back.Blocks.Select(b => b.Name));
        Assert.Equal("two words", back["general"].Get("scipionNote"));
        Assert.Equal(8.25, back["general"].GetDouble("rlnFinalResolution"));
        Assert.Equal(["origin", "with space", "_underscored"], back["fsc"].Table.Column("scipionLabel"));
        Assert.Equal(1 / 192.0, back["fsc"].Table.GetDouble(1, "rlnResolution"), 6);
    }

    [Theory]
    [InlineData("data_a\nloop_\n_rlnX #1\n_rlnY #2\n1 2\n3\n", "has 1 values but the loop has 2 columns", 6)]
    [InlineData("_rlnX 1\n", "before any data_ block", 1)]
    [InlineData("data_a\n_rlnX 'unterminated\n", "unterminated", 2)]
    [InlineData("data_a\n_rlnX\n", "has no value", 2)]
    [InlineData("data_a\nloop_\n_rlnX #1\n_rlnX #2\n1 2\n", "appears twice", 4)]
    [InlineData("data_a\nloop_\ndata_b\n", "loop_ has no columns", 3)]
    [InlineData("data_a\n_rlnX 1\n7\n", "without a key or loop", 3)]
    public void Malformed_star_is_rejected_with_the_line_and_the_problem(string text, string problem, int line)
    {
        var error = Assert.Throws<StarFormatException>(() => StarReader.Parse(text, "particles.star"));
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Equal(line, error.Line);
        Assert.StartsWith($"particles.star:{line}:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Binary_data_is_not_mistaken_for_star()
    {
        var error = Assert.Throws<StarFormatException>(() => StarReader.Parse("data_a\n\0\0\u0001MAP", "x.star"));
        Assert.Contains("binary", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_block_or_column_is_named_in_the_error()
    {
        var star = StarReader.Parse(Relion31Particles);
        var block = Assert.Throws<KeyNotFoundException>(() => star["micrographs"]);
        Assert.Contains("data_optics, data_particles", block.Message, StringComparison.Ordinal);
        var column = Assert.Throws<KeyNotFoundException>(() => star["particles"].Table.Get(0, "rlnDefocusU"));
        Assert.Contains("rlnDefocusU", column.Message, StringComparison.Ordinal);
    }
}
