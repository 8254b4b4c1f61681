namespace Scipion.Synthetic;

/// <summary>An isotropic Gaussian density; positions in pixels from the centre of the box.</summary>
public sealed record Blob(double X, double Y, double Z, double Sigma, double Amplitude);
