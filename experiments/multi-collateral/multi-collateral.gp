# Per-asset liquidated collateral value and bad debt, mean over replicates with 95% intervals,
# for stress correlations kept calm (blend 0) and taken to one (blend 1). Reads results/per-asset.csv.
set datafile separator ","
set terminal pngcairo size 1100,460 font "sans,11"
set output "multi-collateral.png"
set multiplot layout 1,2 title "Which collateral drives liquidations and bad debt (mean, 95% interval)"
set style data histogram
set style histogram errorbars gap 1 lw 1
set style fill solid 0.6 border -1
set key top left
set grid ytics
set ylabel "USD millions"
set title "collateral seized by liquidators"
plot "< awk -F, '$3==\"liquidated_value\" && $1==0' results/per-asset.csv" using ($4/1e6):($5/1e6):($6/1e6):xtic(2) title "stress blend 0", \
     "< awk -F, '$3==\"liquidated_value\" && $1==1' results/per-asset.csv" using ($4/1e6):($5/1e6):($6/1e6) title "stress blend 1"
set title "bad debt attributed to the collateral"
plot "< awk -F, '$3==\"bad_debt\" && $1==0' results/per-asset.csv" using ($4/1e6):($5/1e6):($6/1e6):xtic(2) title "stress blend 0", \
     "< awk -F, '$3==\"bad_debt\" && $1==1' results/per-asset.csv" using ($4/1e6):($5/1e6):($6/1e6) title "stress blend 1"
unset multiplot
