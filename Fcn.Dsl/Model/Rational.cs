using System;
using System.Globalization;

namespace Fcn.Dsl.Model;

/// <summary>
/// An exact fraction. Strides below 1 (after upsampling) and the half-pixel alignment offsets of
/// Caffe's coordinate maps (e.g. -98.5 after pool1) must be exact: crop offsets are only valid when
/// they come out integral, and floating point would hide that.
/// </summary>
public readonly record struct Rational
{
    public Rational(long numerator, long denominator = 1)
    {
        if (denominator == 0) throw new DivideByZeroException("A rational's denominator cannot be zero.");
        if (denominator < 0) { numerator = -numerator; denominator = -denominator; }
        long gcd = Gcd(Math.Abs(numerator), denominator);
        Numerator = numerator / gcd;
        Denominator = denominator / gcd;
    }

    public long Numerator { get; }

    public long Denominator { get; }

    public static Rational Zero => new(0);

    public static Rational One => new(1);

    public bool IsInteger => Denominator == 1;

    public double ToDouble() => (double)Numerator / Denominator;

    public static implicit operator Rational(long value) => new(value);

    public static Rational operator +(Rational a, Rational b) => new(a.Numerator * b.Denominator + b.Numerator * a.Denominator, a.Denominator * b.Denominator);

    public static Rational operator -(Rational a, Rational b) => new(a.Numerator * b.Denominator - b.Numerator * a.Denominator, a.Denominator * b.Denominator);

    public static Rational operator -(Rational a) => new(-a.Numerator, a.Denominator);

    public static Rational operator *(Rational a, Rational b) => new(a.Numerator * b.Numerator, a.Denominator * b.Denominator);

    public static Rational operator /(Rational a, Rational b) => new(a.Numerator * b.Denominator, a.Denominator * b.Numerator);

    public override string ToString() => IsInteger
        ? Numerator.ToString(CultureInfo.InvariantCulture)
        : Numerator.ToString(CultureInfo.InvariantCulture) + "/" + Denominator.ToString(CultureInfo.InvariantCulture);

    private static long Gcd(long a, long b)
    {
        while (b != 0) { long t = a % b; a = b; b = t; }
        return a == 0 ? 1 : a;
    }
}
