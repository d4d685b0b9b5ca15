# P(run) against the ETH shock on the reference model, without and with the optimised incentive
# package (results/search/optimum.json), same seed and replicates (paired); shaded: 95% Wilson bands.
# Run in this folder after run.sh:  gnuplot incentive-design.gp
set datafile separator ','
set terminal pngcairo size 1200,800 font 'DejaVu Sans,12'
set output 'incentive-design.png'
set title 'Reference model: P(run) without and with the optimised incentive package (100 paired replicates per point)'
set xlabel 'ETH shock size (fraction of the price lost at tick 200)'
set ylabel 'P(run)'
set yrange [0:1]
set ytics 0.1
set grid
set key top left
set style fill transparent solid 0.2 noborder
plot 'results/reference/estimates.csv' skip 1 using 1:5:6 with filledcurves lc rgb '#0072B2' notitle, \
     'results/optimum/estimates.csv' skip 1 using 1:5:6 with filledcurves lc rgb '#D55E00' notitle, \
     'results/reference/estimates.csv' skip 1 using 1:4 with linespoints lw 2 pt 7 lc rgb '#0072B2' \
        title 'reference: no fee, 20% reserve', \
     'results/optimum/estimates.csv' skip 1 using 1:4 with linespoints lw 2 pt 5 lc rgb '#D55E00' \
        title 'optimised package (optimum.json)'
