using Scipion.Core.Formats;
using SkiaSharp;

namespace Scipion.Reports;

/// <summary>slices.png: the three central sections of a map (XY, XZ, YZ), grey levels spanning the map's 0.5–99.9 percentiles.</summary>
public static class SlicesImage
{
    private const int Gap = 8;
    private const int Caption = 22;

    public static void Render(DensityMap map, string path, string? title = null)
    {
        int scale = Math.Max(1, 256 / Math.Max(map.Nx, Math.Max(map.Ny, map.Nz)));
        // Mostly-solvent maps make mean ± kσ saturate the density; percentiles keep the particle's contrast.
        var sorted = map.Voxels.Order().ToArray();
        double low = sorted[(int)(0.005 * (sorted.Length - 1))], high = sorted[(int)(0.999 * (sorted.Length - 1))];
        if (high <= low)
        {
            high = low + 1;
        }
        (string Name, int W, int H, Func<int, int, float> Value)[] views =
        [
            ("XY (z = centre)", map.Nx, map.Ny, (x, y) => map[x, y, map.Nz / 2]),
            ("XZ (y = centre)", map.Nx, map.Nz, (x, z) => map[x, map.Ny / 2, z]),
            ("YZ (x = centre)", map.Ny, map.Nz, (y, z) => map[map.Nx / 2, y, z]),
        ];

        int width = views.Sum(v => v.W * scale) + (Gap * (views.Length + 1));
        int height = views.Max(v => v.H * scale) + (2 * Gap) + (2 * Caption);
        using var bitmap = new SKBitmap(width, height);
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.White);
        using var font = new SKFont(SKTypeface.Default, 14);
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        if (title is not null)
        {
            canvas.DrawText(title, Gap, Caption - 6, font, ink);
        }

        int left = Gap;
        foreach (var view in views)
        {
            using var section = new SKBitmap(view.W, view.H);
            for (int v = 0; v < view.H; v++)
            {
                for (int u = 0; u < view.W; u++)
                {
                    byte grey = (byte)Math.Clamp((view.Value(u, v) - low) / (high - low) * 255, 0, 255);

                    // Image rows run top-down; put the first section row at the bottom as map viewers do.
                    section.SetPixel(u, view.H - 1 - v, new SKColor(grey, grey, grey));
                }
            }

            using var image = SKImage.FromBitmap(section);
            canvas.DrawImage(image, SKRect.Create(left, Caption + Gap, view.W * scale, view.H * scale), new SKSamplingOptions(SKFilterMode.Nearest));

            canvas.DrawText(view.Name, left, height - 6, font, ink);
            left += (view.W * scale) + Gap;
        }

        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        using var png = SKImage.FromBitmap(bitmap);
        using var data = png.Encode(SKEncodedImageFormat.Png, 100);
        using var file = File.Create(path);
        data.SaveTo(file);
    }
}
