#!/usr/bin/env python3
"""Fills the UNTRANSLATED messages of atomlens_de.ts and atomlens_zh_CN.ts from the dictionaries below
(run after lupdate adds new source strings).

The .ts files are the source of truth: a message that already has a finished translation (typed here
before, or edited in Qt Linguist) is never overwritten; only empty or type="unfinished" translations
are filled. Every source string must end up translated; the script lists the ones still missing and
fails. --check only reports, writing nothing."""
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

T = {  # source: (German, Simplified Chinese)
 'Detect atoms': ('Atome finden', '检测原子'),
 'Run %1': ('%1 ausführen', '运行 %1'),
 'Run chain %1': ('Kette %1 ausführen', '运行任务链 %1'),
 'Update graph': ('Graph aktualisieren', '更新图'),
 'Label atoms of at least two classes first.': ('Zuerst Atome aus mindestens zwei Klassen markieren.', '请先标注至少两个类别的原子。'),
 'Fine-tune': ('Feinabstimmen', '微调'),
 'Fine-tuned on %1 labels: accuracy %2': ('Auf %1 Markierungen feinabgestimmt: Genauigkeit %2', '已用 %1 个标注微调：准确率 %2'),
 'Apply fine-tuned model': ('Feinabgestimmtes Modell anwenden', '应用微调后的模型'),
 'fine-tuned (unsaved)': ('feinabgestimmt (nicht gespeichert)', '已微调（未保存）'),
 'Nothing to save: fine-tune first.': ('Nichts zu speichern: zuerst feinabstimmen.', '没有可保存的内容：请先微调。'),
 'This build has no networks.': ('Dieser Build enthält keine neuronalen Netze.', '此版本不包含神经网络。'),
 'Find the atom columns in the current frame (no settings needed)': ('Atomsäulen im aktuellen Bild finden (keine Einstellungen nötig)', '在当前帧中寻找原子列（无需设置）'),
 'Open an image first, or wait for the running job.': ('Zuerst ein Bild öffnen oder auf den laufenden Auftrag warten.', '请先打开图像，或等待当前任务完成。'),
 'Step': ('Schritt', '步骤'),
 'An analysis step; its settings appear below': ('Ein Analyseschritt; seine Einstellungen erscheinen unten', '一个分析步骤；其设置显示在下方'),
 'Run step': ('Schritt ausführen', '运行步骤'),
 'Run the selected step with these settings on the current atoms': ('Den gewählten Schritt mit diesen Einstellungen auf die aktuellen Atome anwenden', '用这些设置对当前原子运行所选步骤'),
 'Task chain': ('Aufgabenkette', '任务链'),
 'A task chain (YAML): detection, graph, sub-models and counting rules in order': ('Eine Aufgabenkette (YAML): Erkennung, Graph, Teilmodelle und Zählregeln der Reihe nach', '任务链（YAML）：依次执行检测、图、子模型和计数规则'),
 'Open chain file...': ('Kettendatei öffnen...', '打开任务链文件...'),
 'Run chain': ('Kette ausführen', '运行任务链'),
 'Run every step of the chain on the current frame': ('Jeden Schritt der Kette auf das aktuelle Bild anwenden', '对当前帧运行任务链的每个步骤'),
 'idle': ('bereit', '空闲'),
 'Cancel': ('Abbrechen', '取消'),
 'Stop the running job (Esc)': ('Laufenden Auftrag anhalten (Esc)', '停止当前任务（Esc）'),
 'What the last run did appears here.': ('Was der letzte Lauf getan hat, erscheint hier.', '上次运行的结果显示在这里。'),
 'Open Task Chain': ('Aufgabenkette öffnen', '打开任务链'),
 'Task chains (*.yaml *.yml)': ('Aufgabenketten (*.yaml *.yml)', '任务链 (*.yaml *.yml)'),
 '%1: cannot be read': ('%1: kann nicht gelesen werden', '%1：无法读取'),
 'Relabel %n atom(s)': (('%n Atom neu klassifizieren', '%n Atome neu klassifizieren'), ('重新标注 %n 个原子',)),
 'Accept atoms': ('Atome bestätigen', '接受原子'),
 'Reject atoms': ('Atome verwerfen', '拒绝原子'),
 'Add atom': ('Atom hinzufügen', '添加原子'),
 'Move atom': ('Atom verschieben', '移动原子'),
 'Delete %n atom(s)': (('%n Atom löschen', '%n Atome löschen'), ('删除 %n 个原子',)),
 'Edit classes': ('Klassen bearbeiten', '编辑类别'),
 'Choose a class, then click atoms (Label tool) or draw around many (Lasso tool). Double-click a class to rename it.': ('Eine Klasse wählen, dann Atome anklicken (Markieren) oder viele umfahren (Lasso). Doppelklick auf eine Klasse benennt sie um.', '选择一个类别，然后点击原子（标注工具）或圈选多个原子（套索工具）。双击类别可重命名。'),
 'The class that labelling gives; number keys 1-9 pick the same classes': ('Die Klasse, die das Markieren vergibt; die Zifferntasten 1-9 wählen dieselben Klassen', '标注时赋予的类别；数字键 1-9 对应相同的类别'),
 'Add class': ('Klasse hinzufügen', '添加类别'),
 'Remove class': ('Klasse entfernen', '删除类别'),
 'Add a class name': ('Einen Klassennamen hinzufügen', '添加一个类别名称'),
 'Remove the selected class (its atoms become unclassified)': ('Die gewählte Klasse entfernen (ihre Atome werden unklassifiziert)', '删除所选类别（其原子变为未分类）'),
 'Add Class': ('Klasse hinzufügen', '添加类别'),
 'Class name:': ('Klassenname:', '类别名称：'),
 'class %1': ('Klasse %1', '类别 %1'),
 'Epochs': ('Epochen', '轮数'),
 'Optimiser steps over the labelled graph': ('Optimierungsschritte über den markierten Graphen', '在已标注图上的优化步数'),
 'Train a sub-model on your labels in the background (the current model, if any, is the start)': ('Ein Teilmodell im Hintergrund auf Ihren Markierungen trainieren (ausgehend vom aktuellen Modell, falls vorhanden)', '在后台用您的标注训练子模型（如有当前模型则以其为起点）'),
 'Apply && compare': ('Anwenden && vergleichen', '应用并比较'),
 "Use the new model's predictions; atoms whose class changed are ringed in magenta": ('Die Vorhersagen des neuen Modells übernehmen; Atome mit geänderter Klasse werden magenta umkreist', '使用新模型的预测；类别改变的原子以品红色圆圈标出'),
 'Save model...': ('Modell speichern...', '保存模型...'),
 'Save the fine-tuned model as a new sub-model (card + weights)': ('Das feinabgestimmte Modell als neues Teilmodell speichern (Karte + Gewichte)', '将微调后的模型保存为新的子模型（模型卡 + 权重）'),
 'This build has no networks (LibTorch): labelling works, fine-tuning does not.': ('Dieser Build enthält keine Netze (LibTorch): Markieren geht, Feinabstimmen nicht.', '此版本不含神经网络（LibTorch）：可以标注，但不能微调。'),
 'Key %1': ('Taste %1', '按键 %1'),
 'Fine-tuning on %1 labels...': ('Feinabstimmung auf %1 Markierungen...', '正在用 %1 个标注微调...'),
 'Applied: %1 atoms changed class (ringed in magenta).': ('Angewendet: %1 Atome haben die Klasse gewechselt (magenta umkreist).', '已应用：%1 个原子改变了类别（品红色圆圈）。'),
 'Save Sub-model As': ('Teilmodell speichern unter', '子模型另存为'),
 'my-model': ('mein-modell', '我的模型'),
 'Saved %1': ('%1 gespeichert', '已保存 %1'),
 '%1: cancelled': ('%1: abgebrochen', '%1：已取消'),
 '%1: done': ('%1: fertig', '%1：完成'),
 'Atoms': ('Atome', '原子'),
 'Atoms coloured by class; faint = low confidence': ('Atome nach Klasse gefärbt; blass = geringe Konfidenz', '按类别着色的原子；颜色浅 = 置信度低'),
 'Bonds': ('Bindungen', '键'),
 'Neighbour bonds of the lattice graph (shown when zoomed in)': ('Nachbarbindungen des Gittergraphen (beim Hineinzoomen sichtbar)', '晶格图的近邻键（放大时显示）'),
 'Rings': ('Ringe', '环'),
 "Rings of the graph filled by size; the lattice's own size stays clear": ('Ringe des Graphen nach Größe gefüllt; die Ringgröße des Gitters bleibt leer', '按大小填充的图环；晶格自身的环大小保持透明'),
 'Ideal / vacancy sites': ('Ideal- / Leerstellen', '理想位 / 空位'),
 'Ideal lattice sites with no atom (vacancy candidates)': ('Ideale Gitterplätze ohne Atom (Leerstellenkandidaten)', '没有原子的理想晶格位（空位候选）'),
 'Strain map': ('Dehnungskarte', '应变图'),
 "Local dilatation (exx + eyy) / 2 against the image's median lattice": ('Lokale Dilatation (exx + eyy) / 2 gegenüber dem mittleren Gitter des Bildes', '相对于图像中位晶格的局部体应变 (exx + eyy) / 2'),
 'cancelled': ('abgebrochen', '已取消'),
 '%1 - %2 atoms. Next: review (Review tab, keys N/A/R), label (L), or File > Export Figure.': ('%1 - %2 Atome. Weiter: prüfen (Reiter Prüfen, Tasten N/A/R), markieren (L) oder Datei > Abbildung exportieren.', '%1 - %2 个原子。下一步：审核（审核标签页，按键 N/A/R）、标注（L）或 文件 > 导出图像。'),
 'Opening %1...': ('%1 wird geöffnet...', '正在打开 %1...'),
 'Detecting atoms... (the window stays usable; Esc cancels)': ('Atome werden gesucht... (das Fenster bleibt bedienbar; Esc bricht ab)', '正在检测原子...（窗口仍可使用；Esc 取消）'),
 '%1 x %2 px, %3 frame(s), %4': ('%1 x %2 px, %3 Bild(er), %4', '%1 x %2 像素，%3 帧，%4'),
 '%1 %2/px': ('%1 %2/px', '%1 %2/像素'),
 'uncalibrated': ('unkalibriert', '未校准'),
 ' Frame %1/%2 ': (' Bild %1/%2 ', ' 帧 %1/%2 '),
 'AtomLens': ('AtomLens', 'AtomLens'),
 'AtomLens - %1': ('AtomLens - %1', 'AtomLens - %1'),
 'x %1  y %2 px': ('x %1  y %2 px', 'x %1  y %2 像素'),
 '  (%1, %2 %3)': ('  (%1, %2 %3)', '  (%1, %2 %3)'),
 '  value %1': ('  Wert %1', '  值 %1'),
 'Save the project before closing?': ('Projekt vor dem Schließen speichern?', '关闭前保存项目吗？'),
 'Autosave failed: %1': ('Automatisches Speichern fehlgeschlagen: %1', '自动保存失败：%1'),
 'AtomLens did not close properly last time. Recover the autosaved work?': ('AtomLens wurde zuletzt nicht ordnungsgemäß beendet. Die automatisch gespeicherte Arbeit wiederherstellen?', 'AtomLens 上次未正常关闭。要恢复自动保存的工作吗？'),
 'class 1': ('Klasse 1', '类别 1'),
 'Atom added and refined; Ctrl+Z undoes.': ('Atom hinzugefügt und verfeinert; Strg+Z macht es rückgängig.', '已添加并精修原子；Ctrl+Z 撤销。'),
 'Labelled as %1 (%2 labels).': ('Als %1 markiert (%2 Markierungen).', '已标注为 %1（共 %2 个标注）。'),
 'Atom %1 at (%2, %3) px: %4, confidence %5, sigma %6 px': ('Atom %1 bei (%2, %3) px: %4, Konfidenz %5, Sigma %6 px', '原子 %1 位于 (%2, %3) 像素：%4，置信度 %5，sigma %6 像素'),
 'unclassified': ('unklassifiziert', '未分类'),
 'Atom moved and refined with its neighbours; Ctrl+Z undoes.': ('Atom verschoben und mit seinen Nachbarn verfeinert; Strg+Z macht es rückgängig.', '已移动原子并与近邻一起精修；Ctrl+Z 撤销。'),
 '%1 atoms labelled as %2; Ctrl+Z undoes.': ('%1 Atome als %2 markiert; Strg+Z macht es rückgängig.', '已将 %1 个原子标注为 %2；Ctrl+Z 撤销。'),
 'Exported %1': ('%1 exportiert', '已导出 %1'),
 'Export Figure': ('Abbildung exportieren', '导出图像'),
 'PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)': ('PNG-Bild (*.png);;SVG-Zeichnung (*.svg);;PDF-Dokument (*.pdf)', 'PNG 图像 (*.png);;SVG 矢量图 (*.svg);;PDF 文档 (*.pdf)'),
 'Resolution (DPI) for a 6.5 inch wide figure:': ('Auflösung (DPI) für eine 6,5 Zoll breite Abbildung:', '6.5 英寸宽图像的分辨率（DPI）：'),
 'Export Table': ('Tabelle exportieren', '导出表格'),
 'CSV table (*.csv);;JSON (*.json)': ('CSV-Tabelle (*.csv);;JSON (*.json)', 'CSV 表格 (*.csv);;JSON (*.json)'),
 'Save Project': ('Projekt speichern', '保存项目'),
 'AtomLens projects (*.atomlens)': ('AtomLens-Projekte (*.atomlens)', 'AtomLens 项目 (*.atomlens)'),
 'Open a micrograph (File > Open, or drop a file here): atoms are detected at once.': ('Eine Aufnahme öffnen (Datei > Öffnen oder Datei hierher ziehen): Atome werden sofort gesucht.', '打开显微图像（文件 > 打开，或将文件拖到此处）：将立即检测原子。'),
 '&File': ('&Datei', '文件(&F)'),
 '&Open...': ('Ö&ffnen...', '打开(&O)...'),
 'Open a micrograph (DM3/DM4, EMD, SER, MRC, TIFF, PNG...) or a project': ('Eine Aufnahme (DM3/DM4, EMD, SER, MRC, TIFF, PNG...) oder ein Projekt öffnen', '打开显微图像（DM3/DM4、EMD、SER、MRC、TIFF、PNG...）或项目'),
 'Open &Recent': ('&Zuletzt geöffnet', '最近打开(&R)'),
 '&Save Project': ('Projekt &speichern', '保存项目(&S)'),
 'Save image path, atoms, labels, models, chain and view as a project': ('Bildpfad, Atome, Markierungen, Modelle, Kette und Ansicht als Projekt speichern', '将图像路径、原子、标注、模型、任务链和视图保存为项目'),
 'Save Project &As...': ('Projekt speichern &unter...', '项目另存为(&A)...'),
 '&Export Figure...': ('Abbildung &exportieren...', '导出图像(&E)...'),
 'Annotated figure (PNG with chosen DPI, SVG or PDF) with scale bar and legend': ('Beschriftete Abbildung (PNG mit gewählter DPI, SVG oder PDF) mit Maßstab und Legende', '带比例尺和图例的标注图（指定 DPI 的 PNG、SVG 或 PDF）'),
 'Export Visible &Region...': ('Sichtbaren &Bereich exportieren...', '导出可见区域(&R)...'),
 'Export &Table...': ('&Tabelle exportieren...', '导出表格(&T)...'),
 '&Quit': ('&Beenden', '退出(&Q)'),
 '&Edit': ('&Bearbeiten', '编辑(&E)'),
 '&Undo': ('&Rückgängig', '撤销(&U)'),
 '&Redo': ('&Wiederholen', '重做(&R)'),
 '&View': ('&Ansicht', '视图(&V)'),
 '&Fit Image': ('Bild &einpassen', '适应窗口(&F)'),
 '&Auto Contrast': ('&Automatischer Kontrast', '自动对比度(&A)'),
 '&Analysis': ('A&nalyse', '分析(&A)'),
 '&Detect Atoms': ('Atome &finden', '检测原子(&D)'),
 '&Classify With': ('&Klassifizieren mit', '分类模型(&C)'),
 '&Cancel Job': ('Auftrag a&bbrechen', '取消任务(&C)'),
 'Stop the running job': ('Laufenden Auftrag anhalten', '停止当前任务'),
 '&Review': ('&Prüfen', '审核(&R)'),
 '&Next': ('&Nächstes', '下一个(&N)'),
 'Next uncertain atom': ('Nächstes unsicheres Atom', '下一个不确定的原子'),
 '&Previous': ('&Vorheriges', '上一个(&P)'),
 'Previous atom': ('Vorheriges Atom', '上一个原子'),
 '&Accept': ('&Bestätigen', '接受(&A)'),
 'Accept the prediction': ('Die Vorhersage bestätigen', '接受预测'),
 '&Reject': ('&Verwerfen', '拒绝(&R)'),
 'Not an atom': ('Kein Atom', '不是原子'),
 '&Delete Atom': ('Atom &löschen', '删除原子(&D)'),
 'Delete the current atom': ('Das aktuelle Atom löschen', '删除当前原子'),
 'Re&label As': ('&Umklassifizieren als', '重新标注为(&L)'),
 'Class %1': ('Klasse %1', '类别 %1'),
 '&Settings': ('&Einstellungen', '设置(&S)'),
 '&Language': ('&Sprache', '语言(&L)'),
 'Detect Atoms on &Open': ('Atome beim Ö&ffnen finden', '打开时检测原子(&O)'),
 '&Help': ('&Hilfe', '帮助(&H)'),
 '&Quick Start': ('&Schnellstart', '快速入门(&Q)'),
 'Quick Start': ('Schnellstart', '快速入门'),
 '1. Open a micrograph: atoms are detected at once.\n2. Review: the Review tab lists the least certain atoms; N/P move, A accepts, R rejects, 1-9 relabel.\n3. Label for few-shot: pick a class in the Few-shot tab, use the Label or Lasso tool, then Fine-tune.\n4. File > Export Figure writes a PNG/SVG/PDF with scale bar and legend.': (
  '1. Eine Aufnahme öffnen: Atome werden sofort gesucht.\n2. Prüfen: Der Reiter Prüfen listet die unsichersten Atome; N/P wechseln, A bestätigt, R verwirft, 1-9 klassifizieren um.\n3. Markieren für Few-Shot: im Reiter Few-Shot eine Klasse wählen, Werkzeug Markieren oder Lasso nutzen, dann Feinabstimmen.\n4. Datei > Abbildung exportieren schreibt PNG/SVG/PDF mit Maßstab und Legende.',
  '1. 打开显微图像：立即检测原子。\n2. 审核：审核标签页列出最不确定的原子；N/P 切换，A 接受，R 拒绝，1-9 重新标注。\n3. 小样本标注：在小样本标签页选择类别，使用标注或套索工具，然后微调。\n4. 文件 > 导出图像 可写出带比例尺和图例的 PNG/SVG/PDF。'),
 'Main': ('Haupt', '主工具栏'),
 'Tools': ('Werkzeuge', '工具'),
 'Pan': ('Schwenken', '平移'),
 'Drag to pan, wheel to zoom, click an atom to see it': ('Ziehen verschiebt, Mausrad zoomt, Klick auf ein Atom zeigt es an', '拖动平移，滚轮缩放，点击原子查看信息'),
 'Add': ('Hinzufügen', '添加'),
 'Click to add an atom (refined to the column)': ('Klicken fügt ein Atom hinzu (auf die Säule verfeinert)', '点击添加原子（精修到原子列）'),
 'Move': ('Bewegen', '移动'),
 'Drag an atom to move it (refined again locally)': ('Ein Atom ziehen, um es zu bewegen (lokal neu verfeinert)', '拖动原子以移动（局部重新精修）'),
 'Label': ('Markieren', '标注'),
 'Click atoms to give them the selected class': ('Atome anklicken, um ihnen die gewählte Klasse zu geben', '点击原子赋予所选类别'),
 'Lasso': ('Lasso', '套索'),
 'Draw around atoms to give them all the selected class': ('Atome umfahren, um ihnen allen die gewählte Klasse zu geben', '圈选原子，全部赋予所选类别'),
 'Image': ('Bild', '图像'),
 ' Colour map: ': (' Farbskala: ', ' 色图： '),
 'Colour map of the image': ('Farbskala des Bildes', '图像的色图'),
 ' Gamma: ': (' Gamma: ', ' 伽马： '),
 'Gamma of the display (contrast limits: View > Auto Contrast)': ('Gamma der Anzeige (Kontrastgrenzen: Ansicht > Automatischer Kontrast)', '显示的伽马值（对比度范围：视图 > 自动对比度）'),
 ' Frame: ': (' Bild: ', ' 帧： '),
 'Frame of a stack': ('Bild eines Stapels', '图像栈中的帧'),
 'Layers': ('Ebenen', '图层'),
 'Analysis': ('Analyse', '分析'),
 'Review': ('Prüfen', '审核'),
 'Few-shot': ('Few-Shot', '小样本'),
 'Open Micrograph or Project': ('Aufnahme oder Projekt öffnen', '打开显微图像或项目'),
 'Micrographs and projects (%1 *.atomlens);;All files (*)': ('Aufnahmen und Projekte (%1 *.atomlens);;Alle Dateien (*)', '显微图像和项目 (%1 *.atomlens);;所有文件 (*)'),
 'auto': ('auto', '自动'),
 'unclassified (%1)': ('unklassifiziert (%1)', '未分类 (%1)'),
 'Only review atoms of this class': ('Nur Atome dieser Klasse prüfen', '只审核此类别的原子'),
 'Only review predictions with a confidence in this range': ('Nur Vorhersagen mit einer Konfidenz in diesem Bereich prüfen', '只审核置信度在此范围内的预测'),
 'Class': ('Klasse', '类别'),
 'Confidence from': ('Konfidenz von', '置信度从'),
 'to': ('bis', '到'),
 'Prev': ('Zurück', '上一个'),
 'Previous atom in the queue (P)': ('Vorheriges Atom der Liste (P)', '队列中的上一个原子（P）'),
 'Next': ('Weiter', '下一个'),
 'Next atom in the queue (N)': ('Nächstes Atom der Liste (N)', '队列中的下一个原子（N）'),
 'Accept': ('Bestätigen', '接受'),
 'Accept the prediction (A)': ('Die Vorhersage bestätigen (A)', '接受预测（A）'),
 'Reject': ('Verwerfen', '拒绝'),
 'Not an atom (R)': ('Kein Atom (R)', '不是原子（R）'),
 'The least certain detections first; click one to go there': ('Die unsichersten Erkennungen zuerst; ein Klick springt dorthin', '最不确定的检测排在最前；点击即可跳转'),
 'Keys: N/P next/previous, A accept, R reject, 1-9 relabel, Del delete.': ('Tasten: N/P weiter/zurück, A bestätigen, R verwerfen, 1-9 umklassifizieren, Entf löschen.', '按键：N/P 下一个/上一个，A 接受，R 拒绝，1-9 重新标注，Del 删除。'),
 'all classes': ('alle Klassen', '所有类别'),
 '%1 atoms to review': ('%1 Atome zu prüfen', '%1 个原子待审核'),
 'Loss (red) and accuracy on the labels (blue) per epoch': ('Verlust (rot) und Genauigkeit auf den Markierungen (blau) je Epoche', '每轮的损失（红）和标注上的准确率（蓝）'),
 'loss (red), accuracy (blue)': ('Verlust (rot), Genauigkeit (blau)', '损失（红），准确率（蓝）'),
 'epoch': ('Epoche', '轮'),
 'rejected': ('verworfen', '已拒绝'),
 'reviewed (white dot)': ('geprüft (weißer Punkt)', '已审核（白点）'),
 'changed by the last model': ('vom letzten Modell geändert', '被上一个模型改变'),
 'empty ideal site (%1)': ('leerer Idealplatz (%1)', '空的理想位 (%1)'),
 '%1-ring': ('%1er-Ring', '%1 元环'),
 'dilatation -5% ... +5%': ('Dilatation -5 % ... +5 %', '体应变 -5% ... +5%'),
 # Batch queue, series tracking and the 3-D view / plots entries of the main window.
 '%1 frames: %2 dopant sites, %3 coordination switches': ('%1 Bilder: %2 Dotierplätze, %3 Koordinationswechsel', '%1 帧：%2 个掺杂位点，%3 次配位转换'),
 '%1 frames: %2 sites (%3 in every frame), %4 state changes, %5 vacancy-line events': ('%1 Bilder: %2 Plätze (%3 in jedem Bild), %4 Zustandswechsel, %5 Leerstellenlinien-Ereignisse', '%1 帧：%2 个位点（%3 个在每帧中），%4 次状态变化，%5 个空位线事件'),
 '%n item(s) in the queue.': (('%n Eintrag in der Warteschlange.', '%n Einträge in der Warteschlange.'), ('队列中有 %n 项。',)),
 '&3-D View': ('&3D-Ansicht', '三维视图(&3)'),
 '&Batch...': ('&Stapelverarbeitung...', '批处理(&B)...'),
 '&Tools': ('&Werkzeuge', '工具(&T)'),
 '&Track Series': ('Serie &verfolgen', '跟踪序列(&T)'),
 'A series analysis is already running.': ('Eine Serienanalyse läuft bereits.', '序列分析已在运行。'),
 'Add Files...': ('Dateien hinzufügen...', '添加文件...'),
 'Add Folder': ('Ordner hinzufügen', '添加文件夹'),
 'Add Folder...': ('Ordner hinzufügen...', '添加文件夹...'),
 'Add Micrographs or Lists': ('Mikroskopbilder oder Listen hinzufügen', '添加显微图像或列表'),
 'Add every micrograph in a folder (not recursive)': ('Jedes Mikroskopbild eines Ordners hinzufügen (nicht rekursiv)', '添加文件夹中的所有显微图像（不递归）'),
 'Add micrographs or list files (one path per line); a stack adds every frame': ('Mikroskopbilder oder Listendateien (ein Pfad pro Zeile) hinzufügen; ein Stapel fügt jedes Bild hinzu', '添加显微图像或列表文件（每行一个路径）；图像堆栈会添加每一帧'),
 'Add micrographs, pick a chain and an output folder, then Start.': ('Mikroskopbilder hinzufügen, eine Kette und einen Ausgabeordner wählen, dann Start.', '添加显微图像，选择任务链和输出文件夹，然后点击开始。'),
 'AtomLens 3-D View': ('AtomLens 3D-Ansicht', 'AtomLens 三维视图'),
 'Batch': ('Stapelverarbeitung', '批处理'),
 'Browse...': ('Durchsuchen...', '浏览...'),
 'Cancel Series &Tracking': ('Serien&verfolgung abbrechen', '取消序列跟踪(&T)'),
 'Canceled: %1 done, %2 skipped; Start resumes. Merged table: %3': ('Abgebrochen: %1 fertig, %2 übersprungen; Start setzt fort. Zusammengeführte Tabelle: %3', '已取消：%1 项完成，%2 项跳过；点击开始可继续。合并表：%3'),
 'Choose an output folder first.': ('Zuerst einen Ausgabeordner wählen.', '请先选择输出文件夹。'),
 'Clear': ('Leeren', '清空'),
 'Close': ('Schließen', '关闭'),
 'Count': ('Anzahl', '数量'),
 'Double-click an item to open its micrograph': ('Doppelklick auf einen Eintrag öffnet sein Mikroskopbild', '双击某项以打开其显微图像'),
 'Drift correction, atom tracking and per-site history of the open frame stack; time curves in the Plots dock': ('Driftkorrektur, Atomverfolgung und Verlauf je Gitterplatz des offenen Bildstapels; Zeitkurven im Diagramm-Fenster', '对打开的帧堆栈进行漂移校正、原子跟踪和逐位点历史分析；时间曲线显示在图表面板中'),
 'Finished: %1 done, %2 skipped (already done), %3 failed. Merged table: %4': ('Fertig: %1 erledigt, %2 übersprungen (schon erledigt), %3 fehlgeschlagen. Zusammengeführte Tabelle: %4', '完成：%1 项完成，%2 项跳过（已完成），%3 项失败。合并表：%4'),
 'Folder for one sub-folder per item and the merged tables': ('Ordner für je einen Unterordner pro Eintrag und die zusammengeführten Tabellen', '用于存放每项子文件夹和合并表的文件夹'),
 'Frame': ('Bild', '帧'),
 'Item': ('Eintrag', '项目'),
 'Other...': ('Andere...', '其他...'),
 'Output Folder': ('Ausgabeordner', '输出文件夹'),
 'Output folder:': ('Ausgabeordner:', '输出文件夹：'),
 'Plots': ('Diagramme', '图表'),
 'Run a task chain over many micrographs (queue with progress, cancel and resume)': ('Eine Aufgabenkette auf viele Mikroskopbilder anwenden (Warteschlange mit Fortschritt, Abbruch und Fortsetzen)', '对多幅显微图像运行任务链（带进度、取消和继续的队列）'),
 'Run the chain on every item; finished items of an earlier run are skipped': ('Die Kette auf jeden Eintrag anwenden; in einem früheren Lauf fertige Einträge werden übersprungen', '对每一项运行任务链；之前运行中已完成的项将被跳过'),
 'Running...': ('Läuft...', '正在运行...'),
 'Seconds': ('Sekunden', '秒'),
 'Si 3-fold <-> 4-fold coordination switches through the open frame stack': ('Si-Wechsel zwischen 3- und 4-facher Koordination im offenen Bildstapel', '打开的帧堆栈中 Si 三配位与四配位之间的转换'),
 'Source': ('Quelle', '来源'),
 'Start': ('Start', '开始'),
 'State': ('Zustand', '状态'),
 'Stop after the running item is abandoned; Start again resumes': ('Anhalten, der laufende Eintrag wird verworfen; erneuter Start setzt fort', '停止（放弃当前项）；再次点击开始可继续'),
 'Task Chain': ('Aufgabenkette', '任务链'),
 'Task chain run on every item': ('Aufgabenkette, die auf jeden Eintrag angewendet wird', '对每一项运行的任务链'),
 'Task chain:': ('Aufgabenkette:', '任务链：'),
 'The queue is empty: add files or a folder first.': ('Die Warteschlange ist leer: zuerst Dateien oder einen Ordner hinzufügen.', '队列为空：请先添加文件或文件夹。'),
 'Track &Dopant Switches': ('&Dotierwechsel verfolgen', '跟踪掺杂转换(&D)'),
 'Track Series needs a frame stack (a multi-frame file): open one first.': ('Serie verfolgen braucht einen Bildstapel (eine Datei mit mehreren Bildern): zuerst einen öffnen.', '跟踪序列需要帧堆栈（多帧文件）：请先打开一个。'),
 'Track dopant switches': ('Dotierwechsel verfolgen', '跟踪掺杂转换'),
 'Track series': ('Serie verfolgen', '跟踪序列'),
 'Tracking the series on a worker thread...': ('Die Serie wird im Hintergrund verfolgt...', '正在后台线程中跟踪序列...'),
 'canceled': ('abgebrochen', '已取消'),
 'done': ('fertig', '完成'),
 'failed': ('fehlgeschlagen', '失败'),
 'pending': ('wartend', '等待中'),
 'running': ('läuft', '运行中'),
 'skipped (done)': ('übersprungen (fertig)', '已跳过（已完成）'),
 'switches (cumulative)': ('Wechsel (kumuliert)', '转换（累计）'),
}

LANG = {'atomlens_de.ts': 0, 'atomlens_zh_CN.ts': 1}
# lupdate's parser does not follow C++17 nested namespaces (namespace atomlens::gui {): it names the
# contexts without them, while tr() looks them up by the class's full name. Explicit contexts
# (QCoreApplication::translate("AtomEdits", ...)) and QObject stay as they are.
KEEP_CONTEXTS = {'AtomEdits', 'QObject'}


def main():
    here = Path(__file__).parent
    missing = set()
    for name, k in LANG.items():
        path = here / name
        tree = ET.parse(path)
        for ctx in tree.iter('context'):
            n = ctx.find('name')
            if '::' not in n.text and n.text not in KEEP_CONTEXTS:
                n.text = 'atomlens::gui::' + n.text
        for m in tree.iter('message'):
            src = m.find('source').text
            tr = m.find('translation')
            done = tr.get('type') not in ('unfinished', 'vanished', 'obsolete') and (
                (tr.text or '').strip() or any((f.text or '').strip() for f in tr))
            if done:
                continue  # the .ts file's translation stands (Qt Linguist edits are kept)
            if src not in T:
                missing.add(src)
                continue
            value = T[src][k]
            for child in list(tr):
                tr.remove(child)
            tr.attrib.pop('type', None)
            if m.get('numerus') == 'yes':
                tr.text = None
                forms = value if isinstance(value, tuple) else (value,)
                for f in forms:
                    ET.SubElement(tr, 'numerusform').text = f
            else:
                tr.text = value
        if '--check' not in sys.argv:
            ET.indent(tree, space='    ')
            tree.write(path, encoding='utf-8', xml_declaration=True)
    if missing:
        print('missing translations:', *sorted(missing), sep='\n  ')
        sys.exit(1)


if __name__ == '__main__':
    main()
