<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AtomEdits</name>
    <message numerus="yes">
        <source>Relabel %n atom(s)</source>
        <translation>
            <numerusform>%n Atom neu klassifizieren</numerusform>
            <numerusform>%n Atome neu klassifizieren</numerusform>
        </translation>
    </message>
    <message>
        <source>Accept atoms</source>
        <translation>Atome bestätigen</translation>
    </message>
    <message>
        <source>Reject atoms</source>
        <translation>Atome verwerfen</translation>
    </message>
    <message>
        <source>Add atom</source>
        <translation>Atom hinzufügen</translation>
    </message>
    <message>
        <source>Move atom</source>
        <translation>Atom verschieben</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n atom(s)</source>
        <translation>
            <numerusform>%n Atom löschen</numerusform>
            <numerusform>%n Atome löschen</numerusform>
        </translation>
    </message>
    <message>
        <source>Edit classes</source>
        <translation>Klassen bearbeiten</translation>
    </message>
</context>
<context>
    <name>DisplaySettings</name>
    <message>
        <source>grey</source>
        <translation>Grau</translation>
    </message>
    <message>
        <source>inferno</source>
        <translation>inferno</translation>
    </message>
    <message>
        <source>viridis</source>
        <translation>viridis</translation>
    </message>
    <message>
        <source>fire</source>
        <translation>Feuer</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>unclassified (%1)</source>
        <translation>unklassifiziert (%1)</translation>
    </message>
    <message>
        <source>rejected (%1)</source>
        <translation>verworfen (%1)</translation>
    </message>
    <message>
        <source>reviewed (white dot) (%1)</source>
        <translation>geprüft (weißer Punkt) (%1)</translation>
    </message>
    <message>
        <source>empty ideal site (%1)</source>
        <translation>leerer Idealplatz (%1)</translation>
    </message>
</context>
<context>
    <name>StepTexts</name>
    <message>
        <source>Detect</source>
        <translation>Erkennen</translation>
    </message>
    <message>
        <source>-1 = keep atoms at the border</source>
        <translation>-1 = Atome am Rand behalten</translation>
    </message>
    <message>
        <source>0 = 0.35 x nearest-neighbour distance</source>
        <translation>0 = 0,35 x Abstand zum nächsten Nachbarn</translation>
    </message>
    <message>
        <source>0 = 1.2 x sqrt(3) x bond length</source>
        <translation>0 = 1,2 x sqrt(3) x Bindungslänge</translation>
    </message>
    <message>
        <source>0 = 3 sigma</source>
        <translation>0 = 3 Sigma</translation>
    </message>
    <message>
        <source>0 = estimate from scale space</source>
        <translation>0 = aus dem Skalenraum schätzen</translation>
    </message>
    <message>
        <source>0 = estimate from the FFT</source>
        <translation>0 = aus der FFT schätzen</translation>
    </message>
    <message>
        <source>0 = estimate from the image</source>
        <translation>0 = aus dem Bild schätzen</translation>
    </message>
    <message>
        <source>0 = from detection</source>
        <translation>0 = aus der Erkennung</translation>
    </message>
    <message>
        <source>0 = from the bond length</source>
        <translation>0 = aus der Bindungslänge</translation>
    </message>
    <message>
        <source>0 = from the image (autocorrelation)</source>
        <translation>0 = aus dem Bild (Autokorrelation)</translation>
    </message>
    <message>
        <source>0 = half the spacing</source>
        <translation>0 = halber Säulenabstand</translation>
    </message>
    <message>
        <source>0 = one lattice period</source>
        <translation>0 = eine Gitterperiode</translation>
    </message>
    <message>
        <source>0 = strain relative to the image&apos;s median lattice</source>
        <translation>0 = Dehnung relativ zum Mediangitter des Bildes</translation>
    </message>
    <message>
        <source>0 = use the detected columns as they are</source>
        <translation>0 = erkannte Säulen unverändert verwenden</translation>
    </message>
    <message>
        <source>Bond statistics</source>
        <translation>Bindungsstatistik</translation>
    </message>
    <message>
        <source>C-C bond length</source>
        <translation>C-C-Bindungslänge</translation>
    </message>
    <message>
        <source>Classify</source>
        <translation>Klassifizieren</translation>
    </message>
    <message>
        <source>Classify with a sub-model</source>
        <translation>Mit einem Teilmodell klassifizieren</translation>
    </message>
    <message>
        <source>Clusters the cells of the graph by their Zernike descriptors (Gaussian mixture, BIC) into motifs with a containment hierarchy; columns &apos;motif&apos; (cluster) and &apos;domain&apos; (enclosing motif)</source>
        <translation>Gruppiert die Zellen des Graphen nach ihren Zernike-Deskriptoren (Gaußsche Mischung, BIC) zu Motiven mit einer Enthaltensein-Hierarchie; Spalten &apos;motif&apos; (Cluster) und &apos;domain&apos; (umschließendes Motiv)</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Spalte</translation>
    </message>
    <message>
        <source>Column sigma</source>
        <translation>Säulen-Sigma</translation>
    </message>
    <message>
        <source>Column spacing</source>
        <translation>Säulenabstand</translation>
    </message>
    <message>
        <source>Count near</source>
        <translation>In der Nähe zählen</translation>
    </message>
    <message>
        <source>Count per class</source>
        <translation>Pro Klasse zählen</translation>
    </message>
    <message>
        <source>Counts atoms matching &apos;target&apos; with an atom matching &apos;near&apos; within &apos;hops&apos; bonds, and marks them</source>
        <translation>Zählt Atome, die &apos;target&apos; entsprechen und innerhalb von &apos;hops&apos; Bindungen ein Atom haben, das &apos;near&apos; entspricht, und markiert sie</translation>
    </message>
    <message>
        <source>Counts per class, bond length and angle distributions, strain, vacancy lines and dopant neighbourhoods (statistics/*.csv)</source>
        <translation>Anzahlen pro Klasse, Verteilungen von Bindungslängen und -winkeln, Dehnung, Leerstellenlinien und Umgebungen von Dotieratomen (statistics/*.csv)</translation>
    </message>
    <message>
        <source>Counts rows per value of a result column (or of the atom class)</source>
        <translation>Zählt Zeilen pro Wert einer Ergebnisspalte (oder der Atomklasse)</translation>
    </message>
    <message>
        <source>Dark offset</source>
        <translation>Dunkel-Offset</translation>
    </message>
    <message>
        <source>Delaunay with an edge cut (planar, gives rings), k nearest, or a fixed radius</source>
        <translation>Delaunay mit Kantenschnitt (planar, ergibt Ringe), k nächste Nachbarn oder fester Radius</translation>
    </message>
    <message>
        <source>Describe</source>
        <translation>Beschreiben</translation>
    </message>
    <message>
        <source>Detect atoms</source>
        <translation>Atome finden</translation>
    </message>
    <message>
        <source>Detection threshold</source>
        <translation>Erkennungsschwelle</translation>
    </message>
    <message>
        <source>Detector gain</source>
        <translation>Detektorverstärkung</translation>
    </message>
    <message>
        <source>Dopant bond cut</source>
        <translation>Bindungsgrenze am Dotieratom</translation>
    </message>
    <message>
        <source>Dopant classes</source>
        <translation>Dotieratom-Klassen</translation>
    </message>
    <message>
        <source>Dopant contrast</source>
        <translation>Dotieratom-Kontrast</translation>
    </message>
    <message>
        <source>Drift correction, tracking of atoms and empty sites through every frame, per-site histories and vacancy-line events (series/*)</source>
        <translation>Driftkorrektur, Verfolgung von Atomen und leeren Plätzen durch alle Bilder, Verläufe pro Platz und Ereignisse an Leerstellenlinien (series/*)</translation>
    </message>
    <message>
        <source>Edge margin</source>
        <translation>Randabstand</translation>
    </message>
    <message>
        <source>Empty sites are vacancies</source>
        <translation>Leere Plätze sind Leerstellen</translation>
    </message>
    <message>
        <source>Empty-site agreement</source>
        <translation>Übereinstimmung leerer Plätze</translation>
    </message>
    <message>
        <source>Environment radius</source>
        <translation>Umgebungsradius</translation>
    </message>
    <message>
        <source>Find empty ideal sites</source>
        <translation>Leere Idealplätze finden</translation>
    </message>
    <message>
        <source>Finds atom columns (classical filters + Gaussian fits, or the FCN) with sub-pixel positions</source>
        <translation>Findet Atomsäulen (klassische Filter + Gauß-Anpassungen oder das FCN) mit Subpixel-Positionen</translation>
    </message>
    <message>
        <source>Fit window radius</source>
        <translation>Radius des Anpassungsfensters</translation>
    </message>
    <message>
        <source>Fitting sample</source>
        <translation>Anpassungsstichprobe</translation>
    </message>
    <message>
        <source>Gate</source>
        <translation>Schwelle</translation>
    </message>
    <message>
        <source>Graph</source>
        <translation>Graph</translation>
    </message>
    <message>
        <source>Graphene columns at the image&apos;s own bond length, the honeycomb completed, dopants by brightness and their coordination (3-fold / 4-fold) from the bond graph, with a confidence</source>
        <translation>Graphen-Säulen bei der bildeigenen Bindungslänge, das Wabengitter vervollständigt, Dotieratome nach Helligkeit und ihre Koordination (3-/4-fach) aus dem Bindungsgraphen, mit einer Konfidenz</translation>
    </message>
    <message>
        <source>Graphene dopants</source>
        <translation>Dotieratome in Graphen</translation>
    </message>
    <message>
        <source>Histogram bins</source>
        <translation>Histogrammklassen</translation>
    </message>
    <message>
        <source>Honeycomb completion rounds</source>
        <translation>Runden der Wabenvervollständigung</translation>
    </message>
    <message>
        <source>Ignore patch brightness</source>
        <translation>Helligkeit des Ausschnitts ignorieren</translation>
    </message>
    <message>
        <source>Iterations</source>
        <translation>Iterationen</translation>
    </message>
    <message>
        <source>Joint fit below</source>
        <translation>Gemeinsame Anpassung unter</translation>
    </message>
    <message>
        <source>Largest gap</source>
        <translation>Größte Lücke</translation>
    </message>
    <message>
        <source>Largest number of clusters</source>
        <translation>Höchstzahl an Clustern</translation>
    </message>
    <message>
        <source>Largest ring</source>
        <translation>Größter Ring</translation>
    </message>
    <message>
        <source>Lattice graph</source>
        <translation>Gittergraph</translation>
    </message>
    <message>
        <source>Lattice-guided search</source>
        <translation>Gittergeführte Suche</translation>
    </message>
    <message>
        <source>Likelihood</source>
        <translation>Likelihood</translation>
    </message>
    <message>
        <source>Local fit radius</source>
        <translation>Radius der lokalen Anpassung</translation>
    </message>
    <message>
        <source>Longest edge</source>
        <translation>Längste Kante</translation>
    </message>
    <message>
        <source>Longest edge (absolute)</source>
        <translation>Längste Kante (absolut)</translation>
    </message>
    <message>
        <source>Merge clusters closer than</source>
        <translation>Cluster zusammenfassen unter</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>Minimum separation</source>
        <translation>Mindestabstand</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Motifs (unsupervised)</source>
        <translation>Motive (unüberwacht)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Near</source>
        <translation>In der Nähe von</translation>
    </message>
    <message>
        <source>Neighbour graph, rings, local ideal lattice, empty ideal sites (vacancy candidates) and strain</source>
        <translation>Nachbarschaftsgraph, Ringe, lokales Idealgitter, leere Idealplätze (Leerstellenkandidaten) und Dehnung</translation>
    </message>
    <message>
        <source>Neighbours (knn)</source>
        <translation>Nachbarn (knn)</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Netz</translation>
    </message>
    <message>
        <source>Node descriptors</source>
        <translation>Knotendeskriptoren</translation>
    </message>
    <message>
        <source>Pixel patch</source>
        <translation>Pixelausschnitt</translation>
    </message>
    <message>
        <source>Principal components</source>
        <translation>Hauptkomponenten</translation>
    </message>
    <message>
        <source>Random seed</source>
        <translation>Zufallsstartwert</translation>
    </message>
    <message>
        <source>Read noise</source>
        <translation>Ausleserauschen</translation>
    </message>
    <message>
        <source>Refine positions</source>
        <translation>Positionen verfeinern</translation>
    </message>
    <message>
        <source>Rescue outlier fits</source>
        <translation>Ausreißer-Anpassungen retten</translation>
    </message>
    <message>
        <source>Ring patch radius</source>
        <translation>Radius des Ringausschnitts</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>Regeln</translation>
    </message>
    <message>
        <source>Runs an EGNN sub-model over every node of the lattice graph in one pass</source>
        <translation>Wendet ein EGNN-Teilmodell in einem Durchgang auf jeden Knoten des Gittergraphen an</translation>
    </message>
    <message>
        <source>Series</source>
        <translation>Serie</translation>
    </message>
    <message>
        <source>Set atom classes</source>
        <translation>Atomklassen setzen</translation>
    </message>
    <message>
        <source>Site match tolerance</source>
        <translation>Toleranz der Platzzuordnung</translation>
    </message>
    <message>
        <source>Site when seen in</source>
        <translation>Platz, wenn gesehen in</translation>
    </message>
    <message>
        <source>Starting column sigma</source>
        <translation>Anfängliches Säulen-Sigma</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>Statistik</translation>
    </message>
    <message>
        <source>Structure</source>
        <translation>Struktur</translation>
    </message>
    <message>
        <source>Sub-pixel positions of the atoms: Gaussian fits (neighbours subtracted), then a Poisson likelihood pass with standard errors</source>
        <translation>Subpixel-Positionen der Atome: Gauß-Anpassungen (Nachbarn abgezogen), dann ein Poisson-Likelihood-Durchgang mit Standardfehlern</translation>
    </message>
    <message>
        <source>Sub-pixel refinement</source>
        <translation>Subpixel-Verfeinerung</translation>
    </message>
    <message>
        <source>Subtract neighbours</source>
        <translation>Nachbarn abziehen</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>Schwelle</translation>
    </message>
    <message>
        <source>Track a series</source>
        <translation>Serie verfolgen</translation>
    </message>
    <message>
        <source>Track empty ideal sites</source>
        <translation>Leere Idealplätze verfolgen</translation>
    </message>
    <message>
        <source>Unstrained lattice constant</source>
        <translation>Unverzerrte Gitterkonstante</translation>
    </message>
    <message>
        <source>Vacancy below</source>
        <translation>Leerstelle unter</translation>
    </message>
    <message>
        <source>Vacancy classes</source>
        <translation>Leerstellenklassen</translation>
    </message>
    <message>
        <source>Vacancy line link</source>
        <translation>Verbindung zu Leerstellenlinien</translation>
    </message>
    <message>
        <source>Within</source>
        <translation>Innerhalb von</translation>
    </message>
    <message>
        <source>Zernike moments</source>
        <translation>Zernike-Momente</translation>
    </message>
    <message>
        <source>Zernike order</source>
        <translation>Zernike-Ordnung</translation>
    </message>
    <message>
        <source>Zernike patch radius</source>
        <translation>Radius des Zernike-Ausschnitts</translation>
    </message>
    <message>
        <source>a column brighter than this x the median column is a dopant</source>
        <translation>eine Säule, die heller als dieser Faktor x die Mediansäule ist, ist ein Dotieratom</translation>
    </message>
    <message>
        <source>also use the answer as the atoms&apos; class</source>
        <translation>die Antwort auch als Klasse der Atome verwenden</translation>
    </message>
    <message>
        <source>auto: chosen from the image (lattice or single atoms); classical: band-pass, peaks and Gaussian fits; fcn: the segmentation network</source>
        <translation>auto: nach dem Bild gewählt (Gitter oder Einzelatome); classical: Bandpass, Maxima und Gauß-Anpassungen; fcn: das Segmentierungsnetz</translation>
    </message>
    <message>
        <source>centre of mass + elliptical Gaussian fits</source>
        <translation>Schwerpunkt + elliptische Gauß-Anpassungen</translation>
    </message>
    <message>
        <source>columns closer than this are fitted as one model</source>
        <translation>Säulen, die näher beieinander liegen, werden als ein Modell angepasst</translation>
    </message>
    <message>
        <source>comma-separated class names</source>
        <translation>kommagetrennte Klassennamen</translation>
    </message>
    <message>
        <source>e.g. empty, or mos2-vacancy=isolated|line</source>
        <translation>z. B. empty oder mos2-vacancy=isolated|line</translation>
    </message>
    <message>
        <source>e.g. mos2-dopant=dopant</source>
        <translation>z. B. mos2-dopant=dopant</translation>
    </message>
    <message>
        <source>edges longer than this multiple of the typical bond length are dropped</source>
        <translation>Kanten, die länger als dieses Vielfache der typischen Bindungslänge sind, werden verworfen</translation>
    </message>
    <message>
        <source>fraction of the frames</source>
        <translation>Anteil der Bilder</translation>
    </message>
    <message>
        <source>fraction of the median chalcogen amplitude</source>
        <translation>Anteil der medianen Chalkogen-Amplitude</translation>
    </message>
    <message>
        <source>frames; -1 = no limit</source>
        <translation>Bilder; -1 = keine Grenze</translation>
    </message>
    <message>
        <source>graph distance (0 = the atom itself)</source>
        <translation>Abstand im Graphen (0 = das Atom selbst)</translation>
    </message>
    <message>
        <source>look for dim columns where the lattice of the detected atoms predicts a site</source>
        <translation>nach schwachen Säulen suchen, wo das Gitter der erkannten Atome einen Platz vorhersagt</translation>
    </message>
    <message>
        <source>mixture components closer than this are one motif (0 = no merging)</source>
        <translation>Mischungskomponenten, die näher beieinander liegen, bilden ein Motiv (0 = nicht zusammenfassen)</translation>
    </message>
    <message>
        <source>model for method fcn</source>
        <translation>Modell für die Methode fcn</translation>
    </message>
    <message>
        <source>motif cells: Zernike disk radius when zernike_radius is 0</source>
        <translation>Motivzellen: Radius der Zernike-Scheibe, wenn zernike_radius 0 ist</translation>
    </message>
    <message>
        <source>name of the count and of the marking column</source>
        <translation>Name der Zählung und der Markierungsspalte</translation>
    </message>
    <message>
        <source>neighbours closer than this are bonded to the dopant</source>
        <translation>Nachbarn, die näher liegen, sind an das Dotieratom gebunden</translation>
    </message>
    <message>
        <source>odd width of the intensity patch (3 = 9 features)</source>
        <translation>ungerade Breite des Intensitätsausschnitts (3 = 9 Merkmale)</translation>
    </message>
    <message>
        <source>peak height over the local background, in noise standard deviations</source>
        <translation>Maximumshöhe über dem lokalen Untergrund, in Standardabweichungen des Rauschens</translation>
    </message>
    <message>
        <source>poisson: final maximum-likelihood pass with standard errors and Cramer-Rao bounds</source>
        <translation>poisson: abschließender Maximum-Likelihood-Durchgang mit Standardfehlern und Cramér-Rao-Schranken</translation>
    </message>
    <message>
        <source>refinement: Poisson maximum likelihood (errors and Cramer-Rao bounds) or least squares</source>
        <translation>Verfeinerung: Poisson-Maximum-Likelihood (Fehler und Cramér-Rao-Schranken) oder kleinste Quadrate</translation>
    </message>
    <message>
        <source>refit columns whose width or position ran off, with the typical sigma fixed</source>
        <translation>Säulen, deren Breite oder Position davongelaufen ist, mit festem typischem Sigma neu anpassen</translation>
    </message>
    <message>
        <source>refit with neighbouring columns&apos; Gaussians subtracted</source>
        <translation>neu anpassen, mit abgezogenen Gauß-Funktionen der Nachbarsäulen</translation>
    </message>
    <message>
        <source>refit with the neighbours&apos; Gaussians subtracted</source>
        <translation>neu anpassen, mit abgezogenen Gauß-Funktionen der Nachbarn</translation>
    </message>
    <message>
        <source>result column name (default: the model&apos;s name)</source>
        <translation>Name der Ergebnisspalte (Standard: Name des Modells)</translation>
    </message>
    <message>
        <source>result column; empty = the atom class</source>
        <translation>Ergebnisspalte; leer = die Atomklasse</translation>
    </message>
    <message>
        <source>shipped name, card path or model folder</source>
        <translation>mitgelieferter Name, Pfad der Modellkarte oder Modellordner</translation>
    </message>
    <message>
        <source>with a given gain</source>
        <translation>bei gegebener Verstärkung</translation>
    </message>
    <message>
        <source>Bhattacharyya</source>
        <translation>Bhattacharyya</translation>
    </message>
    <message>
        <source>bond lengths</source>
        <translation>Bindungslängen</translation>
    </message>
    <message>
        <source>bonds</source>
        <translation>Bindungen</translation>
    </message>
    <message>
        <source>fraction</source>
        <translation>Anteil</translation>
    </message>
    <message>
        <source>lattice constants</source>
        <translation>Gitterkonstanten</translation>
    </message>
    <message>
        <source>noise sd</source>
        <translation>Rausch-SD</translation>
    </message>
    <message>
        <source>periods</source>
        <translation>Perioden</translation>
    </message>
    <message>
        <source>px</source>
        <translation>px</translation>
    </message>
    <message>
        <source>sigma</source>
        <translation>Sigma</translation>
    </message>
    <message>
        <source>units</source>
        <translation>Einheiten</translation>
    </message>
    <message>
        <source>units/e</source>
        <translation>Einheiten/e</translation>
    </message>
    <message>
        <source>x bond</source>
        <translation>x Bindung</translation>
    </message>
    <message>
        <source>x median</source>
        <translation>x Median</translation>
    </message>
    <message>
        <source>Per-node descriptors: intensity patch, rotation-invariant Zernike moments, coordination, bond and angle statistics, strain (descriptors.csv); without an image only the geometry</source>
        <translation>Deskriptoren pro Knoten: Intensitätsausschnitt, rotationsinvariante Zernike-Momente, Koordination, Bindungs- und Winkelstatistik, Dehnung (descriptors.csv); ohne Bild nur die Geometrie</translation>
    </message>
</context>
<context>
    <name>atomlens::LatticeSceneView</name>
    <message>
        <source>x, y: %1</source>
        <translation>x, y: %1</translation>
    </message>
    <message>
        <source>   up: frame 0 to %1, coloured by time (purple first, yellow last)</source>
        <translation>   nach oben: Bild 0 bis %1, nach Zeit gefärbt (violett zuerst, gelb zuletzt)</translation>
    </message>
    <message>
        <source>   all tracks that appear or vanish; 1 in %1 of the %2 seen in every frame</source>
        <translation>   alle Spuren, die erscheinen oder verschwinden; 1 von %1 der %2 in jedem Bild gesehenen</translation>
    </message>
</context>
<context>
    <name>atomlens::PlotPanel</name>
    <message>
        <source>Bond lengths</source>
        <translation>Bindungslängen</translation>
    </message>
    <message>
        <source>Bond angles</source>
        <translation>Bindungswinkel</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>Klassen</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Counts per frame</source>
        <translation>Anzahl pro Bild</translation>
    </message>
    <message>
        <source>Frame</source>
        <translation>Bild</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Anzahl</translation>
    </message>
    <message>
        <source>Bond lengths (%1 bonds)</source>
        <translation>Bindungslängen (%1 Bindungen)</translation>
    </message>
    <message>
        <source>Bond length</source>
        <translation>Bindungslänge</translation>
    </message>
    <message>
        <source>Bond angle</source>
        <translation>Bindungswinkel</translation>
    </message>
    <message>
        <source>Atoms per class</source>
        <translation>Atome pro Klasse</translation>
    </message>
    <message>
        <source>Atoms</source>
        <translation>Atome</translation>
    </message>
    <message>
        <source>detected atoms</source>
        <translation>erkannte Atome</translation>
    </message>
</context>
<context>
    <name>atomlens::PlotWidget</name>
    <message>
        <source>No data</source>
        <translation>Keine Daten</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Anzahl</translation>
    </message>
</context>
<context>
    <name>atomlens::gui</name>
    <message>
        <source>this AtomLens was built without LibTorch</source>
        <translation>dieses AtomLens wurde ohne LibTorch gebaut</translation>
    </message>
    <message>
        <source>Network &amp;Device</source>
        <translation>Netzwerk-&amp;Gerät</translation>
    </message>
    <message>
        <source>Where the FCN detector and the EGNN models run</source>
        <translation>Wo der FCN-Detektor und die EGNN-Modelle laufen</translation>
    </message>
    <message>
        <source>&amp;Automatic (GPU when available)</source>
        <translation>&amp;Automatisch (GPU, wenn vorhanden)</translation>
    </message>
    <message>
        <source>&amp;CPU</source>
        <translation>&amp;CPU</translation>
    </message>
    <message>
        <source>CUDA &amp;GPU</source>
        <translation>CUDA-&amp;GPU</translation>
    </message>
    <message>
        <source>Network device</source>
        <translation>Netzwerk-Gerät</translation>
    </message>
    <message>
        <source>Cannot use this device: %1</source>
        <translation>Dieses Gerät kann nicht verwendet werden: %1</translation>
    </message>
</context>
<context>
    <name>atomlens::gui::AnalysisPanel</name>
    <message>
        <source>Detect atoms</source>
        <translation>Atome finden</translation>
    </message>
    <message>
        <source>Find the atom columns in the current frame (no settings needed)</source>
        <translation>Atomsäulen im aktuellen Bild finden (keine Einstellungen nötig)</translation>
    </message>
    <message>
        <source>Open an image first, or wait for the running job.</source>
        <translation>Zuerst ein Bild öffnen oder auf den laufenden Auftrag warten.</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>An analysis step; its settings appear below</source>
        <translation>Ein Analyseschritt; seine Einstellungen erscheinen unten</translation>
    </message>
    <message>
        <source>Run step</source>
        <translation>Schritt ausführen</translation>
    </message>
    <message>
        <source>Run the selected step with these settings on the current atoms</source>
        <translation>Den gewählten Schritt mit diesen Einstellungen auf die aktuellen Atome anwenden</translation>
    </message>
    <message>
        <source>Task chain</source>
        <translation>Aufgabenkette</translation>
    </message>
    <message>
        <source>A task chain (YAML): detection, graph, sub-models and counting rules in order</source>
        <translation>Eine Aufgabenkette (YAML): Erkennung, Graph, Teilmodelle und Zählregeln der Reihe nach</translation>
    </message>
    <message>
        <source>Open chain file...</source>
        <translation>Kettendatei öffnen...</translation>
    </message>
    <message>
        <source>Run chain</source>
        <translation>Kette ausführen</translation>
    </message>
    <message>
        <source>Run every step of the chain on the current frame</source>
        <translation>Jeden Schritt der Kette auf das aktuelle Bild anwenden</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>bereit</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop the running job (Esc)</source>
        <translation>Laufenden Auftrag anhalten (Esc)</translation>
    </message>
    <message>
        <source>What the last run did appears here.</source>
        <translation>Was der letzte Lauf getan hat, erscheint hier.</translation>
    </message>
    <message>
        <source>Open Task Chain</source>
        <translation>Aufgabenkette öffnen</translation>
    </message>
    <message>
        <source>Task chains (*.yaml *.yml)</source>
        <translation>Aufgabenketten (*.yaml *.yml)</translation>
    </message>
    <message>
        <source>%1: cannot be read</source>
        <translation>%1: kann nicht gelesen werden</translation>
    </message>
</context>
<context>
    <name>atomlens::gui::BatchDialog</name>
    <message>
        <source>skipped (done)</source>
        <translation>übersprungen (fertig)</translation>
    </message>
    <message>
        <source>done</source>
        <translation>fertig</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>canceled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>Stapelverarbeitung</translation>
    </message>
    <message>
        <source>Add Files...</source>
        <translation>Dateien hinzufügen...</translation>
    </message>
    <message>
        <source>Add micrographs or list files (one path per line); a stack adds every frame</source>
        <translation>Mikroskopbilder oder Listendateien (ein Pfad pro Zeile) hinzufügen; ein Stapel fügt jedes Bild hinzu</translation>
    </message>
    <message>
        <source>Add Folder...</source>
        <translation>Ordner hinzufügen...</translation>
    </message>
    <message>
        <source>Add every micrograph in a folder (not recursive)</source>
        <translation>Jedes Mikroskopbild eines Ordners hinzufügen (nicht rekursiv)</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Eintrag</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Atoms</source>
        <translation>Atome</translation>
    </message>
    <message>
        <source>Seconds</source>
        <translation>Sekunden</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Double-click an item to open its micrograph</source>
        <translation>Doppelklick auf einen Eintrag öffnet sein Mikroskopbild</translation>
    </message>
    <message>
        <source>Task chain run on every item</source>
        <translation>Aufgabenkette, die auf jeden Eintrag angewendet wird</translation>
    </message>
    <message>
        <source>Other...</source>
        <translation>Andere...</translation>
    </message>
    <message>
        <source>Task chain:</source>
        <translation>Aufgabenkette:</translation>
    </message>
    <message>
        <source>Folder for one sub-folder per item and the merged tables</source>
        <translation>Ordner für je einen Unterordner pro Eintrag und die zusammengeführten Tabellen</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>Durchsuchen...</translation>
    </message>
    <message>
        <source>Output folder:</source>
        <translation>Ausgabeordner:</translation>
    </message>
    <message>
        <source>Add micrographs, pick a chain and an output folder, then Start.</source>
        <translation>Mikroskopbilder hinzufügen, eine Kette und einen Ausgabeordner wählen, dann Start.</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Run the chain on every item; finished items of an earlier run are skipped</source>
        <translation>Die Kette auf jeden Eintrag anwenden; in einem früheren Lauf fertige Einträge werden übersprungen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop after the running item is abandoned; Start again resumes</source>
        <translation>Anhalten, der laufende Eintrag wird verworfen; erneuter Start setzt fort</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>wartend</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) in the queue.</source>
        <translation>
            <numerusform>%n Eintrag in der Warteschlange.</numerusform>
            <numerusform>%n Einträge in der Warteschlange.</numerusform>
        </translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>The queue is empty: add files or a folder first.</source>
        <translation>Die Warteschlange ist leer: zuerst Dateien oder einen Ordner hinzufügen.</translation>
    </message>
    <message>
        <source>Choose an output folder first.</source>
        <translation>Zuerst einen Ausgabeordner wählen.</translation>
    </message>
    <message>
        <source>Running...</source>
        <translation>Läuft...</translation>
    </message>
    <message>
        <source>Finished: %1 done, %2 skipped (already done), %3 failed. Merged table: %4</source>
        <translation>Fertig: %1 erledigt, %2 übersprungen (schon erledigt), %3 fehlgeschlagen. Zusammengeführte Tabelle: %4</translation>
    </message>
    <message>
        <source>Canceled: %1 done, %2 skipped; Start resumes. Merged table: %3</source>
        <translation>Abgebrochen: %1 fertig, %2 übersprungen; Start setzt fort. Zusammengeführte Tabelle: %3</translation>
    </message>
    <message>
        <source>Add Micrographs or Lists</source>
        <translation>Mikroskopbilder oder Listen hinzufügen</translation>
    </message>
    <message>
        <source>Add Folder</source>
        <translation>Ordner hinzufügen</translation>
    </message>
    <message>
        <source>Task Chain</source>
        <translation>Aufgabenkette</translation>
    </message>
    <message>
        <source>Task chains (*.yaml *.yml)</source>
        <translation>Aufgabenketten (*.yaml *.yml)</translation>
    </message>
    <message>
        <source>Output Folder</source>
        <translation>Ausgabeordner</translation>
    </message>
    <message>
        <source>Submit to Slurm...</source>
        <translation>An Slurm übermitteln...</translation>
    </message>
    <message>
        <source>Run the queue on a Slurm cluster as a job array (atomlens-cli batch --slurm)</source>
        <translation>Die Warteschlange als Job-Array auf einem Slurm-Cluster ausführen (atomlens-cli batch --slurm)</translation>
    </message>
    <message>
        <source>A local run is going on: cancel it or wait before submitting to Slurm.</source>
        <translation>Ein lokaler Lauf ist aktiv: vor dem Übermitteln an Slurm abbrechen oder abwarten.</translation>
    </message>
    <message>
        <source>submitted</source>
        <translation>übermittelt</translation>
    </message>
    <message>
        <source>Slurm array job %1</source>
        <translation>Slurm-Array-Job %1</translation>
    </message>
</context>
<context>
    <name>atomlens::gui::DetectorRefiner</name>
    <message>
        <source>Open a micrograph first.</source>
        <translation>Öffnen Sie zuerst eine Aufnahme.</translation>
    </message>
    <message>
        <source>The detector is being refined already.</source>
        <translation>Der Detektor wird bereits verfeinert.</translation>
    </message>
    <message>
        <source>Give the new detector a name and a folder.</source>
        <translation>Geben Sie dem neuen Detektor einen Namen und einen Ordner.</translation>
    </message>
    <message>
        <source>Refining the detector needs at least 5 atoms on the frame (it has %1).</source>
        <translation>Zum Verfeinern des Detektors braucht das Bild mindestens 5 Atome (es hat %1).</translation>
    </message>
    <message>
        <source>Refine detector</source>
        <translation>Detektor verfeinern</translation>
    </message>
    <message>
        <source>%1 steps in %2 s on %3 atoms, loss %4 -&gt; %5</source>
        <translation>%1 Schritte in %2 s an %3 Atomen, Verlust %4 -&gt; %5</translation>
    </message>
</context>
<context>
    <name>atomlens::gui::DisplayController</name>
    <message>
        <source> Colour map: </source>
        <translation> Farbskala: </translation>
    </message>
    <message>
        <source>Colour map of the image</source>
        <translation>Farbskala des Bildes</translation>
    </message>
    <message>
        <source> Gamma: </source>
        <translation> Gamma: </translation>
    </message>
    <message>
        <source>Gamma of the display (contrast limits: View &gt; Auto Contrast)</source>
        <translation>Gamma der Anzeige (Kontrastgrenzen: Ansicht &gt; Automatischer Kontrast)</translation>
    </message>
    <message>
        <source> Frame: </source>
        <translation> Bild: </translation>
    </message>
    <message>
        <source>Frame of a stack</source>
        <translation>Bild eines Stapels</translation>
    </message>
    <message>
        <source>%1 x %2 px, %3 frame(s), %4</source>
        <translation>%1 x %2 px, %3 Bild(er), %4</translation>
    </message>
    <message>
        <source>%1 %2/px</source>
        <translation>%1 %2/px</translation>
    </message>
    <message>
        <source>uncalibrated (Image &gt; Set Pixel Size)</source>
        <translation>unkalibriert (Bild &gt; Pixelgröße festlegen)</translation>
    </message>
    <message>
        <source> Frame %1/%2 </source>
        <translation> Bild %1/%2 </translation>
    </message>
    <message>
        <source>x %1  y %2 px</source>
        <translation>x %1  y %2 px</translation>
    </message>
    <message>
        <source>  (%1, %2 %3)</source>
        <translation>  (%1, %2 %3)</translation>
    </message>
    <message>
        <source>  value %1</source>
        <translation>  Wert %1</translation>
    </message>
</context>
<context>
    <name>atomlens::gui::DopantFinder</name>
    <message>
        <source>Find dopants</source>
        <translation>Dotieratome finden</translation>
    </message>
    <message>
        <source>%1 dopant(s): %2 three-fold, %3 four-fold (bond %4 px)</source>
        <translation>%1 Dotieratom(e): %2 dreifach, %3 vierfach (Bindung %4 px)</translation>
    </message>
</context>
<context>
    <name>atomlens::gui::EditToolController</name>
    <message>
        <source>class 1</source>
        <translation>Klasse 1</translation>
    </message>
    <message>
        <source>Atom added and refined; Ctrl+Z undoes.</source>
        <translation>Atom hinzugefügt und verfeinert; Strg+Z macht es rückgängig.</translation>
    </message>
    <message>
        <source>Labelled as %1 (%2 labels).</source>
        <translation>Als %1 markiert (%2 Markierungen).</translation>
    </message>
    <message>
        <source>No atom here: a site labelled %1 was placed; Ctrl+Z undoes.</source>
        <translation>Hier ist kein Atom: ein als %1 markierter Platz wurde gesetzt; Strg+Z macht es rückgängig.</translation>
    </message>
    <message>
        <source>Atom %1 at (%2, %3) px: %4, confidence %5, sigma %6 px</source>
        <translation>Atom %1 bei (%2, %3) px: %4, Konfidenz %5, Sigma %6 px</translation>
    </message>
    <message>
        <source>unclassified</source>
        <translation>unklassifiziert</translation>
    </message>
    <message>
        <source>Atom moved and refined with its neighbours; Ctrl+Z undoes.</source>
        <translation>Atom verschoben und mit seinen Nachbarn verfeinert; Strg+Z macht es rückgängig.</translation>
    </message>
    <message>
        <source>%1 atoms labelled as %2; Ctrl+Z undoes.</source>
        <translation>%1 Atome als %2 markiert; Strg+Z macht es rückgängig.</translation>
    </message>
    <message>
        <source>Pan</source>
        <translation>Schwenken</translation>
    </message>
    <message>
        <source>Drag to pan, wheel to zoom, click an atom to see it</source>
        <translation>Ziehen verschiebt, Mausrad zoomt, Klick auf ein Atom zeigt es an</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Click to add an atom (refined to the column)</source>
        <translation>Klicken fügt ein Atom hinzu (auf die Säule verfeinert)</translation>
    </message>
    <message>
        <source>Move</source>
        <translation>Bewegen</translation>
    </message>
    <message>
        <source>Drag an atom to move it (refined again locally)</source>
        <translation>Ein Atom ziehen, um es zu bewegen (lokal neu verfeinert)</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Markieren</translation>
    </message>
    <message>
        <source>Click atoms to give them the selected class</source>
        <translation>Atome anklicken, um ihnen die gewählte Klasse zu geben</translation>
    </message>
    <message>
        <source>Lasso</source>
        <translation>Lasso</translation>
    </message>
    <message>
        <source>Draw around atoms to give them all the selected class</source>
        <translation>Atome umfahren, um ihnen allen die gewählte Klasse zu geben</translation>
    </message>
</context>
<context>
    <name>atomlens::gui::ExportController</name>
    <message>
        <source>Exported %1</source>
        <translation>%1 exportiert</translation>
    </message>
    <message>
        <source>Export Figure</source>
        <translation>Abbildung exportieren</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)</source>
        <translation>PNG-Bild (*.png);;SVG-Zeichnung (*.svg);;PDF-Dokument (*.pdf)</translation>
    </message>
    <message>
        <source>Resolution (DPI) for a 6.5 inch wide figure:</source>
        <translation>Auflösung (DPI) für eine 6,5 Zoll breite Abbildung:</translation>
    </message>
    <message>
        <source>Export Table</source>
        <translation>Tabelle exportieren</translation>
    </message>
    <message>
        <source>CSV table (*.csv);;JSON (*.json)</source>
        <translation>CSV-Tabelle (*.csv);;JSON (*.json)</translation>
    </message>
    <message>
        <source>Pixel size set to %1 %2 (kept in the project).</source>
        <translation>Pixelgröße auf %1 %2 gesetzt (im Projekt gespeichert).</translation>
    </message>
    <message>
        <source>Set Pixel Size</source>
        <translation>Pixelgröße festlegen</translation>
    </message>
    <message>
        <source>Unit:</source>
        <translation>Einheit:</translation>
    </message>
    <message>
        <source>Size of one pixel in %1:</source>
        <translation>Größe eines Pixels in %1:</translation>
    </message>
    <message>
        <source>%1 %2 is not a pixel size.</source>
        <translation>%1 %2 ist keine Pixelgröße.</translation>
    </message>
</context>
<context>
    <name>atomlens::gui::FewShotPanel</name>
    <message>
        <source>Choose a class, then click atoms (Label tool) or draw around many (Lasso tool). Double-click a class to rename it.</source>
        <translation>Eine Klasse wählen, dann Atome anklicken (Markieren) oder viele umfahren (Lasso). Doppelklick auf eine Klasse benennt sie um.</translation>
    </message>
    <message>
        <source>The class that labelling gives; number keys 1-9 pick the same classes</source>
        <translation>Die Klasse, die das Markieren vergibt; die Zifferntasten 1-9 wählen dieselben Klassen</translation>
    </message>
    <message>
        <source>Add class</source>
        <translation>Klasse hinzufügen</translation>
    </message>
    <message>
        <source>Remove class</source>
        <translation>Klasse entfernen</translation>
    </message>
    <message>
        <source>Add a class name</source>
        <translation>Einen Klassennamen hinzufügen</translation>
    </message>
    <message>
        <source>Remove the selected class (its atoms become unclassified)</source>
        <translation>Die gewählte Klasse entfernen (ihre Atome werden unklassifiziert)</translation>
    </message>
    <message>
        <source>Add Class</source>
        <translation>Klasse hinzufügen</translation>
    </message>
    <message>
        <source>Class name:</source>
        <translation>Klassenname:</translation>
    </message>
    <message>
        <source>class %1</source>
        <translation>Klasse %1</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>Epochen</translation>
    </message>
    <message>
        <source>Optimiser steps over the labelled graph</source>
        <translation>Optimierungsschritte über den markierten Graphen</translation>
    </message>
    <message>
        <source>Fine-tune</source>
        <translation>Feinabstimmen</translation>
    </message>
    <message>
        <source>Train a sub-model on your labels in the background (the current model, if any, is the start)</source>
        <translation>Ein Teilmodell im Hintergrund auf Ihren Markierungen trainieren (ausgehend vom aktuellen Modell, falls vorhanden)</translation>
    </message>
    <message>
        <source>Apply &amp;&amp; compare</source>
        <translation>Anwenden &amp;&amp; vergleichen</translation>
    </message>
    <message>
        <source>Use the new model&apos;s predictions; atoms whose class changed are ringed in magenta</source>
        <translation>Die Vorhersagen des neuen Modells übernehmen; Atome mit geänderter Klasse werden magenta umkreist</translation>
    </message>
    <message>
        <source>Save model...</source>
        <translation>Modell speichern...</translation>
    </message>
    <message>
        <source>Save the fine-tuned model as a new sub-model (card + weights)</source>
        <translation>Das feinabgestimmte Modell als neues Teilmodell speichern (Karte + Gewichte)</translation>
    </message>
    <message>
        <source>This build has no networks (LibTorch): labelling works, fine-tuning does not.</source>
        <translation>Dieser Build enthält keine Netze (LibTorch): Markieren geht, Feinabstimmen nicht.</translation>
    </message>
    <message>
        <source>Key %1</source>
        <translation>Taste %1</translation>
    </message>
    <message>
        <source>Fine-tuning on %1 labels...</source>
        <translation>Feinabstimmung auf %1 Markierungen...</translation>
    </message>
    <message>
        <source>Save Sub-model As</source>
        <translation>Teilmodell speichern unter</translation>
    </message>
    <message>
        <source>my-model</source>
        <translation>mein-modell</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop fine-tuning; the previous model and its results stay</source>
        <translation>Feinabstimmung beenden; das vorherige Modell und seine Ergebnisse bleiben</translation>
    </message>
    <message>
        <source>Another job is running (%1): wait for it or cancel it.</source>
        <translation>Ein anderer Auftrag läuft (%1): Warten Sie oder brechen Sie ihn ab.</translation>
    </message>
    <message>
        <source>preparing the graph</source>
        <translation>Graph wird vorbereitet</translation>
    </message>
    <message>
        <source>Applied: %1 atoms classified for the first time, %2 changed class (ringed in magenta).</source>
        <translation>Übernommen: %1 Atome erstmals klassifiziert, %2 mit geänderter Klasse (magenta umkreist).</translation>
    </message>
</context>
<context>
    <name>atomlens::gui::FewShotTrainer</name>
    <message>
        <source>Label atoms of at least two classes first.</source>
        <translation>Zuerst Atome aus mindestens zwei Klassen markieren.</translation>
    </message>
    <message>
        <source>Fine-tune</source>
        <translation>Feinabstimmen</translation>
    </message>
    <message>
        <source>Fine-tuned on %1 labels: accuracy %2</source>
        <translation>Auf %1 Markierungen feinabgestimmt: Genauigkeit %2</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>Fine-tuning cancelled: the previous model and its results are kept.</source>
        <translation>Feinabstimmung abgebrochen: Das vorherige Modell und seine Ergebnisse bleiben erhalten.</translation>
    </message>
    <message>
        <source>Apply fine-tuned model</source>
        <translation>Feinabgestimmtes Modell anwenden</translation>
    </message>
    <message>
        <source>fine-tuned (unsaved)</source>
        <translation>feinabgestimmt (nicht gespeichert)</translation>
    </message>
    <message>
        <source>Nothing to save: fine-tune first.</source>
        <translation>Nichts zu speichern: zuerst feinabstimmen.</translation>
    </message>
    <message>
        <source>This build has no networks.</source>
        <translation>Dieser Build enthält keine neuronalen Netze.</translation>
    </message>
    <message>
        <source>Restore fine-tuned model</source>
        <translation>Feinabgestimmtes Modell wiederherstellen</translation>
    </message>
    <message>
        <source>Fine-tuned model restored from the project (accuracy %1)</source>
        <translation>Feinabgestimmtes Modell aus dem Projekt wiederhergestellt (Genauigkeit %1)</translation>
    </message>
    <message>
        <source>Kept the base model: it gets %1 of your %2 labels right, fine-tuning only %3 on held-out labels</source>
        <translation>Basismodell behalten: es klassifiziert %1 Ihrer %2 Labels richtig, das Nachtrainieren nur %3 auf zurückgehaltenen Labels</translation>
    </message>
</context>
<context>
    <name>atomlens::gui::FileController</name>
    <message>
        <source>Open Micrograph or Project</source>
        <translation>Aufnahme oder Projekt öffnen</translation>
    </message>
    <message>
        <source>Micrographs and projects (%1 *.atomlens);;All files (*)</source>
        <translation>Aufnahmen und Projekte (%1 *.atomlens);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Detecting atoms... (the window stays usable; Esc cancels)</source>
        <translation>Atome werden gesucht... (das Fenster bleibt bedienbar; Esc bricht ab)</translation>
    </message>
</context>
<context>
    <name>atomlens::gui::GraphUpdater</name>
    <message>
        <source>Update graph</source>
        <translation>Graph aktualisieren</translation>
    </message>
</context>
<context>
    <name>atomlens::gui::ImageLoader</name>
    <message>
        <source>Opening %1...</source>
        <translation>%1 wird geöffnet...</translation>
    </message>
</context>
<context>
    <name>atomlens::gui::JobMessages</name>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>%1 - %2 atoms. Warning: %3 (Log tab)</source>
        <translation>%1 - %2 Atome. Warnung: %3 (Reiter Protokoll)</translation>
    </message>
    <message>
        <source>%1 - %2 atoms. Next: review (Review tab, keys N/A/R), label (L), or File &gt; Export Figure.</source>
        <translation>%1 - %2 Atome. Weiter: prüfen (Reiter Prüfen, Tasten N/A/R), markieren (L) oder Datei &gt; Abbildung exportieren.</translation>
    </message>
    <message>
        <source>Warning (%1): %2 - see the Log tab</source>
        <translation>Warnung (%1): %2 - siehe Reiter Protokoll</translation>
    </message>
</context>
<context>
    <name>atomlens::gui::JobRunner</name>
    <message>
        <source>%1: cancelled</source>
        <translation>%1: abgebrochen</translation>
    </message>
    <message>
        <source>%1: done</source>
        <translation>%1: fertig</translation>
    </message>
</context>
<context>
    <name>atomlens::gui::LayerPanel</name>
    <message>
        <source>unclassified (%1)</source>
        <translation>unklassifiziert (%1)</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>verworfen</translation>
    </message>
    <message>
        <source>reviewed (white dot)</source>
        <translation>geprüft (weißer Punkt)</translation>
    </message>
    <message>
        <source>changed by the last model</source>
        <translation>vom letzten Modell geändert</translation>
    </message>
    <message>
        <source>empty ideal site (%1)</source>
        <translation>leerer Idealplatz (%1)</translation>
    </message>
    <message>
        <source>%1-ring</source>
        <translation>%1er-Ring</translation>
    </message>
    <message>
        <source>dilatation -5% ... +5%</source>
        <translation>Dilatation -5 % ... +5 %</translation>
    </message>
    <message>
        <source>Atoms</source>
        <translation>Atome</translation>
    </message>
    <message>
        <source>Atoms coloured by class; faint = low confidence</source>
        <translation>Atome nach Klasse gefärbt; blass = geringe Konfidenz</translation>
    </message>
    <message>
        <source>Bonds</source>
        <translation>Bindungen</translation>
    </message>
    <message>
        <source>Neighbour bonds of the lattice graph (shown when zoomed in)</source>
        <translation>Nachbarbindungen des Gittergraphen (beim Hineinzoomen sichtbar)</translation>
    </message>
    <message>
        <source>Rings</source>
        <translation>Ringe</translation>
    </message>
    <message>
        <source>Rings of the graph filled by size; the lattice&apos;s own size stays clear</source>
        <translation>Ringe des Graphen nach Größe gefüllt; die Ringgröße des Gitters bleibt leer</translation>
    </message>
    <message>
        <source>Ideal / vacancy sites</source>
        <translation>Ideal- / Leerstellen</translation>
    </message>
    <message>
        <source>Ideal lattice sites with no atom (vacancy candidates)</source>
        <translation>Ideale Gitterplätze ohne Atom (Leerstellenkandidaten)</translation>
    </message>
    <message>
        <source>Strain map</source>
        <translation>Dehnungskarte</translation>
    </message>
    <message>
        <source>Local dilatation (exx + eyy) / 2 against the image&apos;s median lattice</source>
        <translation>Lokale Dilatation (exx + eyy) / 2 gegenüber dem mittleren Gitter des Bildes</translation>
    </message>
</context>
<context>
    <name>atomlens::gui::LogPanel</name>
    <message>
        <source>What the engine reported for the open file (warnings in orange)</source>
        <translation>Was die Analyse zur geöffneten Datei gemeldet hat (Warnungen in Orange)</translation>
    </message>
    <message>
        <source>Error: </source>
        <translation>Fehler: </translation>
    </message>
    <message>
        <source>Warning: </source>
        <translation>Warnung: </translation>
    </message>
</context>
<context>
    <name>atomlens::gui::MainWindow</name>
    <message>
        <source>AtomLens</source>
        <translation>AtomLens</translation>
    </message>
    <message>
        <source>AtomLens - %1</source>
        <translation>AtomLens - %1</translation>
    </message>
    <message>
        <source>Open a micrograph (File &gt; Open, or drop a file here): atoms are detected at once.</source>
        <translation>Eine Aufnahme öffnen (Datei &gt; Öffnen oder Datei hierher ziehen): Atome werden sofort gesucht.</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Open...</source>
        <translation>Ö&amp;ffnen...</translation>
    </message>
    <message>
        <source>Open a micrograph (DM3/DM4, EMD, SER, MRC, TIFF, PNG...) or a project</source>
        <translation>Eine Aufnahme (DM3/DM4, EMD, SER, MRC, TIFF, PNG...) oder ein Projekt öffnen</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;Save Project</source>
        <translation>Projekt &amp;speichern</translation>
    </message>
    <message>
        <source>Save image path, atoms, labels, models, chain and view as a project</source>
        <translation>Bildpfad, Atome, Markierungen, Modelle, Kette und Ansicht als Projekt speichern</translation>
    </message>
    <message>
        <source>Save Project &amp;As...</source>
        <translation>Projekt speichern &amp;unter...</translation>
    </message>
    <message>
        <source>&amp;Export Figure...</source>
        <translation>Abbildung &amp;exportieren...</translation>
    </message>
    <message>
        <source>Annotated figure (PNG with chosen DPI, SVG or PDF) with scale bar and legend</source>
        <translation>Beschriftete Abbildung (PNG mit gewählter DPI, SVG oder PDF) mit Maßstab und Legende</translation>
    </message>
    <message>
        <source>Export Visible &amp;Region...</source>
        <translation>Sichtbaren &amp;Bereich exportieren...</translation>
    </message>
    <message>
        <source>Export &amp;Table...</source>
        <translation>&amp;Tabelle exportieren...</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;3-D View</source>
        <translation>&amp;3D-Ansicht</translation>
    </message>
    <message>
        <source>&amp;Fit Image</source>
        <translation>Bild &amp;einpassen</translation>
    </message>
    <message>
        <source>&amp;Auto Contrast</source>
        <translation>&amp;Automatischer Kontrast</translation>
    </message>
    <message>
        <source>&amp;Analysis</source>
        <translation>A&amp;nalyse</translation>
    </message>
    <message>
        <source>&amp;Detect Atoms</source>
        <translation>Atome &amp;finden</translation>
    </message>
    <message>
        <source>Find the atom columns in the current frame (no settings needed)</source>
        <translation>Atomsäulen im aktuellen Bild finden (keine Einstellungen nötig)</translation>
    </message>
    <message>
        <source>&amp;Classify With</source>
        <translation>&amp;Klassifizieren mit</translation>
    </message>
    <message>
        <source>&amp;Track Series</source>
        <translation>Serie &amp;verfolgen</translation>
    </message>
    <message>
        <source>Drift correction, atom tracking and per-site history of the open frame stack; time curves in the Plots dock</source>
        <translation>Driftkorrektur, Atomverfolgung und Verlauf je Gitterplatz des offenen Bildstapels; Zeitkurven im Diagramm-Fenster</translation>
    </message>
    <message>
        <source>Track &amp;Dopant Switches</source>
        <translation>&amp;Dotierwechsel verfolgen</translation>
    </message>
    <message>
        <source>Si 3-fold &lt;-&gt; 4-fold coordination switches through the open frame stack</source>
        <translation>Si-Wechsel zwischen 3- und 4-facher Koordination im offenen Bildstapel</translation>
    </message>
    <message>
        <source>Cancel Series &amp;Tracking</source>
        <translation>Serien&amp;verfolgung abbrechen</translation>
    </message>
    <message>
        <source>&amp;Cancel Job</source>
        <translation>Auftrag a&amp;bbrechen</translation>
    </message>
    <message>
        <source>Stop the running job</source>
        <translation>Laufenden Auftrag anhalten</translation>
    </message>
    <message>
        <source>&amp;Review</source>
        <translation>&amp;Prüfen</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation>&amp;Nächstes</translation>
    </message>
    <message>
        <source>Next uncertain atom</source>
        <translation>Nächstes unsicheres Atom</translation>
    </message>
    <message>
        <source>&amp;Previous</source>
        <translation>&amp;Vorheriges</translation>
    </message>
    <message>
        <source>Previous atom</source>
        <translation>Vorheriges Atom</translation>
    </message>
    <message>
        <source>&amp;Accept</source>
        <translation>&amp;Bestätigen</translation>
    </message>
    <message>
        <source>Accept the prediction</source>
        <translation>Die Vorhersage bestätigen</translation>
    </message>
    <message>
        <source>&amp;Reject</source>
        <translation>&amp;Verwerfen</translation>
    </message>
    <message>
        <source>Not an atom</source>
        <translation>Kein Atom</translation>
    </message>
    <message>
        <source>&amp;Delete Atom</source>
        <translation>Atom &amp;löschen</translation>
    </message>
    <message>
        <source>Delete the current atom</source>
        <translation>Das aktuelle Atom löschen</translation>
    </message>
    <message>
        <source>Re&amp;label As</source>
        <translation>&amp;Umklassifizieren als</translation>
    </message>
    <message>
        <source>Class %1</source>
        <translation>Klasse %1</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Werkzeuge</translation>
    </message>
    <message>
        <source>&amp;Batch...</source>
        <translation>&amp;Stapelverarbeitung...</translation>
    </message>
    <message>
        <source>Run a task chain over many micrographs (queue with progress, cancel and resume)</source>
        <translation>Eine Aufgabenkette auf viele Mikroskopbilder anwenden (Warteschlange mit Fortschritt, Abbruch und Fortsetzen)</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Einstellungen</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>Detect Atoms on &amp;Open</source>
        <translation>Atome beim Ö&amp;ffnen finden</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;Quick Start</source>
        <translation>&amp;Schnellstart</translation>
    </message>
    <message>
        <source>Quick Start</source>
        <translation>Schnellstart</translation>
    </message>
    <message>
        <source>1. Open a micrograph: atoms are detected at once.
2. Review: the Review tab lists the least certain atoms; N/P move, A accepts, R rejects, 1-9 relabel.
3. Label for few-shot: pick a class in the Few-shot tab, use the Label or Lasso tool, then Fine-tune.
4. File &gt; Export Figure writes a PNG/SVG/PDF with scale bar and legend.</source>
        <translation>1. Eine Aufnahme öffnen: Atome werden sofort gesucht.
2. Prüfen: Der Reiter Prüfen listet die unsichersten Atome; N/P wechseln, A bestätigt, R verwirft, 1-9 klassifizieren um.
3. Markieren für Few-Shot: im Reiter Few-Shot eine Klasse wählen, Werkzeug Markieren oder Lasso nutzen, dann Feinabstimmen.
4. Datei &gt; Abbildung exportieren schreibt PNG/SVG/PDF mit Maßstab und Legende.</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Haupt</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>Werkzeuge</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Bild</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>Ebenen</translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation>Analyse</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <source>Few-shot</source>
        <translation>Few-Shot</translation>
    </message>
    <message>
        <source>Plots</source>
        <translation>Diagramme</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>&amp;Image</source>
        <translation>&amp;Bild</translation>
    </message>
    <message>
        <source>Set &amp;Pixel Size...</source>
        <translation>&amp;Pixelgröße festlegen...</translation>
    </message>
    <message>
        <source>Calibrate an image without (or with a wrong) pixel size: scale bar, tables and exports use it; kept in the project</source>
        <translation>Ein Bild ohne (oder mit falscher) Pixelgröße kalibrieren: Maßstab, Tabellen und Exporte verwenden sie; wird im Projekt gespeichert</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>Find dopants</source>
        <translation>Dotieratome finden</translation>
    </message>
    <message>
        <source>&amp;Dopant Layer</source>
        <translation>&amp;Dotieratom-Ebene</translation>
    </message>
    <message>
        <source>&amp;Signal</source>
        <translation>&amp;Signal</translation>
    </message>
    <message>
        <source>The images of a multi-signal file (HAADF, DF, EDS maps): show another one</source>
        <translation>Die Bilder einer Datei mit mehreren Signalen (HAADF, DF, EDS-Karten): ein anderes zeigen</translation>
    </message>
    <message>
        <source>Find Dopants (&amp;Graphene)</source>
        <translation>Dotieratome finden (&amp;Graphen)</translation>
    </message>
    <message>
        <source>Si dopants in graphene with their 3-fold / 4-fold coordination and a confidence, shown on the dopant layer</source>
        <translation>Si-Dotieratome in Graphen mit ihrer 3-/4-fachen Koordination und einer Konfidenz, auf der Dotieratom-Ebene gezeigt</translation>
    </message>
    <message>
        <source>Apply model to all frames</source>
        <translation>Modell auf alle Bilder anwenden</translation>
    </message>
    <message>
        <source>Apply Model to &amp;All Frames</source>
        <translation>Modell auf &amp;alle Bilder anwenden</translation>
    </message>
    <message>
        <source>Classify every frame of the stack with the sub-model in use (or the fine-tuned one): predictions, never over labels; Esc cancels</source>
        <translation>Jedes Bild des Stapels mit dem verwendeten Teilmodell (oder dem feinabgestimmten) klassifizieren: Vorhersagen, nie über Markierungen; Esc bricht ab</translation>
    </message>
    <message>
        <source>&amp;Vacancy Lines</source>
        <translation>&amp;Leerstellenlinien</translation>
    </message>
    <message>
        <source>Vacancy lines and line events found by Track Series, on the frame shown</source>
        <translation>Von Serie verfolgen gefundene Leerstellenlinien und Linienereignisse, auf dem gezeigten Bild</translation>
    </message>
    <message>
        <source>Refining the detector failed: %1</source>
        <translation>Verfeinern des Detektors fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Refine detector</source>
        <translation>Detektor verfeinern</translation>
    </message>
    <message>
        <source>%1; detecting with %2</source>
        <translation>%1; Detektion mit %2</translation>
    </message>
    <message>
        <source>Detector refined (%1); detecting again with it</source>
        <translation>Detektor verfeinert (%1); erneute Detektion damit</translation>
    </message>
    <message>
        <source>Refine Detector</source>
        <translation>Detektor verfeinern</translation>
    </message>
    <message>
        <source>Fine-tune the atom finder on this frame, with its atoms as they are now (kept, moved, added; deleted ones count as &quot;no atom&quot;). Name of the new detector (saved in %1):</source>
        <translation>Den Atomfinder an diesem Bild mit seinen jetzigen Atomen nachtrainieren (behaltene, verschobene, hinzugefügte; gelöschte gelten als &quot;kein Atom&quot;). Name des neuen Detektors (gespeichert in %1):</translation>
    </message>
    <message>
        <source>Refining the detector on this frame&apos;s %1 atoms...</source>
        <translation>Detektor wird an den %1 Atomen dieses Bildes verfeinert...</translation>
    </message>
    <message>
        <source>Detecting with the default detector again</source>
        <translation>Wieder mit dem Standard-Detektor detektieren</translation>
    </message>
    <message>
        <source>&amp;Refine Detector From My Atoms...</source>
        <translation>Detektor an meinen Atomen &amp;verfeinern...</translation>
    </message>
    <message>
        <source>Fine-tune the atom finder on this frame with its atoms as you corrected them, then detect with it (a new detector in your model folder)</source>
        <translation>Den Atomfinder an diesem Bild mit seinen von Ihnen korrigierten Atomen nachtrainieren und damit detektieren (ein neuer Detektor in Ihrem Modellordner)</translation>
    </message>
    <message>
        <source>Use the De&amp;fault Detector</source>
        <translation>&amp;Standard-Detektor verwenden</translation>
    </message>
    <message>
        <source>Forget the refined detector: detect with the default settings again</source>
        <translation>Verfeinerten Detektor vergessen: wieder mit den Standardeinstellungen detektieren</translation>
    </message>
</context>
<context>
    <name>atomlens::gui::ParamForm</name>
    <message>
        <source>auto</source>
        <translation>auto</translation>
    </message>
</context>
<context>
    <name>atomlens::gui::PlotsController</name>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>Track Series needs a frame stack (a multi-frame file): open one first.</source>
        <translation>Serie verfolgen braucht einen Bildstapel (eine Datei mit mehreren Bildern): zuerst einen öffnen.</translation>
    </message>
    <message>
        <source>A series analysis is already running.</source>
        <translation>Eine Serienanalyse läuft bereits.</translation>
    </message>
    <message>
        <source>Tracking the series on a worker thread...</source>
        <translation>Die Serie wird im Hintergrund verfolgt...</translation>
    </message>
    <message>
        <source>AtomLens 3-D View</source>
        <translation>AtomLens 3D-Ansicht</translation>
    </message>
</context>
<context>
    <name>atomlens::gui::ProjectController</name>
    <message>
        <source>AtomLens</source>
        <translation>AtomLens</translation>
    </message>
    <message>
        <source>%1 has unsaved changes (edits, review decisions or labels). Save the project first?</source>
        <translation>%1 hat ungespeicherte Änderungen (Bearbeitungen, Prüfentscheidungen oder Beschriftungen). Projekt zuerst speichern?</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
    <message>
        <source>Save Project</source>
        <translation>Projekt speichern</translation>
    </message>
    <message>
        <source>AtomLens projects (*.atomlens)</source>
        <translation>AtomLens-Projekte (*.atomlens)</translation>
    </message>
    <message>
        <source>The micrograph of %1 is not where it was:
%2

Locate it to open the project (its atoms, labels and decisions are kept).</source>
        <translation>Die Aufnahme von %1 liegt nicht mehr dort, wo sie war:
%2

Suchen Sie sie, um das Projekt zu öffnen (Atome, Beschriftungen und Entscheidungen bleiben erhalten).</translation>
    </message>
    <message>
        <source>Locate Image...</source>
        <translation>Bild suchen...</translation>
    </message>
    <message>
        <source>Locate Image</source>
        <translation>Bild suchen</translation>
    </message>
    <message>
        <source>%1 (%1);;All files (*)</source>
        <translation>%1 (%1);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>%1: its micrograph %2 was not found (moved or renamed?). Open the project again and choose Locate Image... to say where it is now.</source>
        <translation>%1: Die Aufnahme %2 wurde nicht gefunden (verschoben oder umbenannt?). Öffnen Sie das Projekt erneut und wählen Sie „Bild suchen...“, um anzugeben, wo sie jetzt liegt.</translation>
    </message>
    <message>
        <source>Recovered the autosaved work (not saved yet): File &gt; Save Project keeps it.</source>
        <translation>Automatisch gesicherte Arbeit wiederhergestellt (noch nicht gespeichert): Datei &gt; Projekt speichern behält sie.</translation>
    </message>
    <message>
        <source>Autosave failed: %1</source>
        <translation>Automatisches Speichern fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>AtomLens did not close properly last time. Recover the autosaved work?</source>
        <translation>AtomLens wurde zuletzt nicht ordnungsgemäß beendet. Die automatisch gespeicherte Arbeit wiederherstellen?</translation>
    </message>
</context>
<context>
    <name>atomlens::gui::ReviewPanel</name>
    <message>
        <source>Only review atoms of this class</source>
        <translation>Nur Atome dieser Klasse prüfen</translation>
    </message>
    <message>
        <source>Only review predictions with a confidence in this range</source>
        <translation>Nur Vorhersagen mit einer Konfidenz in diesem Bereich prüfen</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <source>Confidence from</source>
        <translation>Konfidenz von</translation>
    </message>
    <message>
        <source>to</source>
        <translation>bis</translation>
    </message>
    <message>
        <source>Prev</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <source>Previous atom in the queue (P)</source>
        <translation>Vorheriges Atom der Liste (P)</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <source>Next atom in the queue (N)</source>
        <translation>Nächstes Atom der Liste (N)</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>Bestätigen</translation>
    </message>
    <message>
        <source>Accept the prediction (A)</source>
        <translation>Die Vorhersage bestätigen (A)</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Verwerfen</translation>
    </message>
    <message>
        <source>Not an atom (R)</source>
        <translation>Kein Atom (R)</translation>
    </message>
    <message>
        <source>The least certain detections first; click one to go there</source>
        <translation>Die unsichersten Erkennungen zuerst; ein Klick springt dorthin</translation>
    </message>
    <message>
        <source>Keys: N/P next/previous, A accept, R reject, 1-9 relabel, Del delete.</source>
        <translation>Tasten: N/P weiter/zurück, A bestätigen, R verwerfen, 1-9 umklassifizieren, Entf löschen.</translation>
    </message>
    <message>
        <source>all classes</source>
        <translation>alle Klassen</translation>
    </message>
    <message>
        <source>unclassified</source>
        <translation>unklassifiziert</translation>
    </message>
    <message>
        <source>%1 atoms to review</source>
        <translation>%1 Atome zu prüfen</translation>
    </message>
    <message>
        <source>%1 atoms to review. This one is cut by the image edge: its class is less certain than its confidence says.</source>
        <translation>%1 Atome zu prüfen. Dieses wird vom Bildrand angeschnitten: Seine Klasse ist unsicherer, als seine Konfidenz sagt.</translation>
    </message>
    <message>
        <source>Key %1 relabels as class %1, but there are no classes yet: add them in the Few-shot tab (Add class) or classify with a model.</source>
        <translation>Taste %1 beschriftet mit Klasse %1 um, aber es gibt noch keine Klassen: Fügen Sie sie im Reiter Few-shot hinzu (Klasse hinzufügen) oder klassifizieren Sie mit einem Modell.</translation>
    </message>
    <message>
        <source>Key %1 does nothing: there are only %2 classes (keys 1-%2).</source>
        <translation>Taste %1 bewirkt nichts: Es gibt nur %2 Klassen (Tasten 1-%2).</translation>
    </message>
    <message>
        <source>Nothing to relabel: the review queue is empty (see its filters).</source>
        <translation>Nichts umzubeschriften: Die Prüfliste ist leer (siehe ihre Filter).</translation>
    </message>
</context>
<context>
    <name>atomlens::gui::SeriesTracking</name>
    <message>
        <source>Track series</source>
        <translation>Serie verfolgen</translation>
    </message>
    <message>
        <source>%1 frames: %2 sites (%3 in every frame), %4 state changes, %5 vacancy-line events</source>
        <translation>%1 Bilder: %2 Plätze (%3 in jedem Bild), %4 Zustandswechsel, %5 Leerstellenlinien-Ereignisse</translation>
    </message>
    <message>
        <source>Track dopant switches</source>
        <translation>Dotierwechsel verfolgen</translation>
    </message>
    <message>
        <source>%1 frames: %2 dopant sites, %3 coordination switches</source>
        <translation>%1 Bilder: %2 Dotierplätze, %3 Koordinationswechsel</translation>
    </message>
    <message>
        <source>Frame</source>
        <translation>Bild</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Anzahl</translation>
    </message>
    <message>
        <source>switches (cumulative)</source>
        <translation>Wechsel (kumuliert)</translation>
    </message>
</context>
<context>
    <name>atomlens::gui::SlurmSubmitDialog</name>
    <message>
        <source>Submit to Slurm</source>
        <translation>An Slurm übermitteln</translation>
    </message>
    <message>
        <source>Most array tasks; each runs a share of the unfinished items</source>
        <translation>Höchstzahl der Array-Tasks; jeder bearbeitet einen Teil der unfertigen Einträge</translation>
    </message>
    <message>
        <source>Array tasks:</source>
        <translation>Array-Tasks:</translation>
    </message>
    <message>
        <source>cluster default</source>
        <translation>Cluster-Standard</translation>
    </message>
    <message>
        <source>Partition:</source>
        <translation>Partition:</translation>
    </message>
    <message>
        <source>e.g. 01:00:00</source>
        <translation>z. B. 01:00:00</translation>
    </message>
    <message>
        <source>Time limit per task:</source>
        <translation>Zeitlimit pro Task:</translation>
    </message>
    <message>
        <source>not given</source>
        <translation>nicht angegeben</translation>
    </message>
    <message>
        <source>Each task uses as many threads as it is given CPUs</source>
        <translation>Jeder Task nutzt so viele Threads, wie er CPUs erhält</translation>
    </message>
    <message>
        <source>CPUs per task:</source>
        <translation>CPUs pro Task:</translation>
    </message>
    <message>
        <source>e.g. gpu:1</source>
        <translation>z. B. gpu:1</translation>
    </message>
    <message>
        <source>Generic resources (GRES):</source>
        <translation>Generische Ressourcen (GRES):</translation>
    </message>
    <message>
        <source>further sbatch options, e.g. --account=lab</source>
        <translation>weitere sbatch-Optionen, z. B. --account=lab</translation>
    </message>
    <message>
        <source>Other sbatch options:</source>
        <translation>Weitere sbatch-Optionen:</translation>
    </message>
    <message>
        <source>Preview Scripts</source>
        <translation>Skripte ansehen</translation>
    </message>
    <message>
        <source>Submit</source>
        <translation>Übermitteln</translation>
    </message>
    <message>
        <source>Write the scripts under the output folder and submit them with sbatch</source>
        <translation>Die Skripte in den Ausgabeordner schreiben und mit sbatch übermitteln</translation>
    </message>
    <message>
        <source>Check Status</source>
        <translation>Status prüfen</translation>
    </message>
    <message>
        <source>Show which items are done, failed or still on the cluster</source>
        <translation>Zeigen, welche Einträge fertig, fehlgeschlagen oder noch auf dem Cluster sind</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>atomlens-cli not found at %1: the cluster&apos;s tasks run it</source>
        <translation>atomlens-cli nicht gefunden unter %1: die Tasks des Clusters führen es aus</translation>
    </message>
    <message>
        <source>Every item is done: nothing to submit.</source>
        <translation>Alle Einträge sind fertig: nichts zu übermitteln.</translation>
    </message>
    <message>
        <source>%1 of %2 items would run in %3 array tasks (not submitted).</source>
        <translation>%1 von %2 Einträgen würden in %3 Array-Tasks laufen (nicht übermittelt).</translation>
    </message>
    <message>
        <source>Submitted %1 items in %2 array tasks: array job %3, merge job %4 (writes batch.csv and merged_atoms.csv when every task succeeded).</source>
        <translation>%1 Einträge in %2 Array-Tasks übermittelt: Array-Job %3, Zusammenführungs-Job %4 (schreibt batch.csv und merged_atoms.csv, wenn jeder Task erfolgreich war).</translation>
    </message>
    <message>
        <source>Not submitted: %1</source>
        <translation>Nicht übermittelt: %1</translation>
    </message>
    <message>
        <source>done</source>
        <translation>fertig</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>submitted</source>
        <translation>übermittelt</translation>
    </message>
    <message>
        <source>%1 of %2 items done, %3 failed.</source>
        <translation>%1 von %2 Einträgen fertig, %3 fehlgeschlagen.</translation>
    </message>
    <message>
        <source>Items: %1. Output folder: %2</source>
        <translation>Einträge: %1. Ausgabeordner: %2</translation>
    </message>
</context>
<context>
    <name>atomlens::gui::StackClassifier</name>
    <message>
        <source>fine-tuned (unsaved)</source>
        <translation>feinabgestimmt (nicht gespeichert)</translation>
    </message>
    <message>
        <source>Classify with a sub-model or fine-tune one first.</source>
        <translation>Zuerst mit einem Teilmodell klassifizieren oder eines feinabstimmen.</translation>
    </message>
    <message>
        <source>sub-model</source>
        <translation>Teilmodell</translation>
    </message>
    <message>
        <source>Apply model to all frames</source>
        <translation>Modell auf alle Bilder anwenden</translation>
    </message>
    <message>
        <source>Frame %1 of %2</source>
        <translation>Bild %1 von %2</translation>
    </message>
    <message>
        <source>%1 of %2 frames classified with %3; %4 changed meanwhile (run again for them)</source>
        <translation>%1 von %2 Bildern mit %3 klassifiziert; %4 wurden inzwischen geändert (für sie erneut ausführen)</translation>
    </message>
    <message>
        <source>%1 of %2 frames classified with %3</source>
        <translation>%1 von %2 Bildern mit %3 klassifiziert</translation>
    </message>
    <message>
        <source>Wait for the running job (%1) or cancel it.</source>
        <translation>Auf den laufenden Auftrag (%1) warten oder ihn abbrechen.</translation>
    </message>
    <message>
        <source>This build has no networks.</source>
        <translation>Dieser Build enthält keine neuronalen Netze.</translation>
    </message>
</context>
<context>
    <name>atomlens::gui::StepRunner</name>
    <message>
        <source>Detect atoms</source>
        <translation>Atome finden</translation>
    </message>
    <message>
        <source>Run %1</source>
        <translation>%1 ausführen</translation>
    </message>
    <message>
        <source>Run chain %1</source>
        <translation>Kette %1 ausführen</translation>
    </message>
</context>
<context>
    <name>atomlens::gui::TrainingPlot</name>
    <message>
        <source>loss (red), accuracy (blue)</source>
        <translation>Verlust (rot), Genauigkeit (blau)</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>Epoche</translation>
    </message>
    <message>
        <source>Loss (red) and accuracy on the labels (blue) per epoch; thin pale curves: the cross-validation folds, trained before the final fit</source>
        <translation>Verlust (rot) und Genauigkeit auf den Markierungen (blau) pro Epoche; dünne blasse Kurven: die Kreuzvalidierungs-Teile, die vor der endgültigen Anpassung trainiert werden</translation>
    </message>
    <message>
        <source>cross-validation fold %1: loss (red), accuracy (blue)</source>
        <translation>Kreuzvalidierung, Teil %1: Verlust (rot), Genauigkeit (blau)</translation>
    </message>
</context>
</TS>
