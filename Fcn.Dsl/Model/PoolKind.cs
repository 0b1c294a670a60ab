namespace Fcn.Dsl.Model;

public enum PoolKind
{
    Max,
    Average,
}
